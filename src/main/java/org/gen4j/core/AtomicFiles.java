package org.gen4j.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that neither a reader, a crash nor a power loss ever sees half of one: the content goes to a
 * hidden temporary file beside the target ({@code .NAME.PID-N.tmp}), which is flushed to disk, renamed over the
 * target, and the folder flushed too (write-temp, fsync, rename).
 * <pre>{@code
 * AtomicFiles.write(Path.of("model.gmm"), out -> out.write(bytes));
 * AtomicFiles.writeFile(Path.of("net.png"), temp -> runGraphviz(temp));    // an external program writes the temp
 * }</pre>
 * A temporary file left by a process that was killed mid-save is removed by the next save of the same target
 * (its process id is in its name, and that process is gone).
 */
public final class AtomicFiles {
    private static final long PID = ProcessHandle.current().pid();
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    private AtomicFiles() {
    }

    /** What writes the content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What writes the content to a file of its own (an external program, say). */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Path temp) throws IOException;
    }

    public static void write(Path path, Content content) {
        writeFile(path, temp -> {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
            }
        });
    }

    /** The content written to a temporary file by {@code content}, then made the target as {@link #write} does. */
    public static void writeFile(Path path, FileContent content) {
        Path target = path.toAbsolutePath();
        Path temp = null;
        try {
            Path folder = target.getParent();
            Files.createDirectories(folder);
            removeAbandonedTemporaries(target);
            temp = folder.resolve("." + target.getFileName() + "." + PID + "-" + SEQUENCE.incrementAndGet() + ".tmp");
            Files.createFile(temp, privateFile());
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);                       // the bytes are on disk before the name points at them
            }
            readableByAll(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(folder);
        } catch (IOException e) {
            throw new Gen4jException("cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // left for the next save of this target to remove; the real error, if any, was reported above
                }
            }
        }
    }

    /** {@code .NAME.PID-N.tmp} files of processes that are no longer running. */
    private static void removeAbandonedTemporaries(Path target) throws IOException {
        Pattern ours = Pattern.compile(Pattern.quote("." + target.getFileName() + ".") + "(\\d+)-\\d+\\.tmp");
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(), "." + globSafe(target) + ".*.tmp")) {
            for (Path sibling : siblings) {
                Matcher m = ours.matcher(sibling.getFileName().toString());
                if (m.matches() && !running(Long.parseLong(m.group(1)))) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    private static boolean running(long pid) {
        return pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The file name with glob metacharacters escaped. */
    private static String globSafe(Path target) {
        return target.getFileName().toString().replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    /** The rename is durable once the folder's entry is on disk (POSIX; elsewhere a folder cannot be opened). */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not possible on this file system (Windows): the rename itself is still atomic
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] privateFile() {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[]{
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))};
    }

    /** Temporary files are created private (rw-------); the finished file gets the usual rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: its defaults apply
        }
    }
}
