package org.gen4j.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileWholeAndNoTemporary() throws IOException {
        Path target = dir.resolve("m.gmm");
        AtomicFiles.write(target, out -> out.write("old".getBytes()));
        Gen4jException e = assertThrows(Gen4jException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("m.gmm"), names());
    }

    @Test
    void temporariesOfKilledSavesAreRemovedByTheNextSaveAndLiveOnesKept() throws IOException {
        Path target = dir.resolve("m.gmm");
        // a process id that is not running: the largest Linux allows is 2^22, and none is above it
        Path abandoned = Files.writeString(dir.resolve(".m.gmm.99999999-1.tmp"), "half");
        Path live = Files.writeString(dir.resolve(".m.gmm." + ProcessHandle.current().parent().orElseThrow().pid() + "-7.tmp"), "in progress");
        Path otherTarget = Files.writeString(dir.resolve(".other.gmm.99999999-1.tmp"), "not ours to judge");
        AtomicFiles.write(target, out -> out.write("new".getBytes()));
        assertFalse(Files.exists(abandoned), "the killed save's temporary is gone");
        assertTrue(Files.exists(live), "a running process's save is left alone");
        assertTrue(Files.exists(otherTarget), "another target's temporaries are that target's business");
        assertEquals("new", Files.readString(target));
    }

    @Test
    void anExternalProgramCanWriteTheTemporary() throws IOException {
        Path target = dir.resolve("copy.txt");
        Path source = Files.writeString(dir.resolve("source.txt"), "via a program");
        AtomicFiles.writeFile(target, temp -> Files.copy(source, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        assertEquals("via a program", Files.readString(target));
        assertEquals(List.of("copy.txt", "source.txt"), names());
    }
}
