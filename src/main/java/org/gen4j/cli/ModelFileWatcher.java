package org.gen4j.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Watches a model file and calls back when it is written or replaced (gen4j's saves rename a finished temporary
 * file into place, so a callback sees a whole file; a file copied in place by another tool may be seen half-written,
 * which the callback must survive). Events come from the operating system (inotify on Linux), not from polling.
 */
final class ModelFileWatcher implements AutoCloseable {
    private final WatchService service;
    private final Thread thread;

    ModelFileWatcher(Path file, Runnable changed) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path name = file.getFileName();
        service = FileSystems.getDefault().newWatchService();
        folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        thread = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = service.take();
                    boolean ours = false;
                    for (WatchEvent<?> event : key.pollEvents()) {
                        ours |= name.equals(event.context());
                    }
                    key.reset();
                    if (ours) {
                        changed.run();
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed: the server is stopping
            }
        }, "gen4j-serve-watch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
