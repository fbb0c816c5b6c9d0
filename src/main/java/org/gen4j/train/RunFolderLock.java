package org.gen4j.train;

import org.gen4j.core.Gen4jException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run folder held by one training process at a time ({@code .lock} inside it, an exclusive OS lock): a second
 * {@code train --resume} of the same folder refuses to start instead of truncating the first one's metrics and
 * sharing its temporary files. The operating system drops the lock when its process ends, even by {@code kill -9},
 * so a crashed run never leaves its folder locked.
 */
final class RunFolderLock implements AutoCloseable {
    private static final String NAME = ".lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RunFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws Gen4jException when another process (or another run in this one) holds the folder */
    static RunFolderLock acquire(Path folder) {
        Path file = folder.resolve(NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;                                  // held by this JVM already
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new Gen4jException("the run folder " + folder + " is in use by another training process"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait for it to end, or stop it first");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new RunFolderLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new Gen4jException("cannot lock the run folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Releases the folder (again: nothing). */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
