package org.gen4j.notebook;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.gen4j.core.Gen4jException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the gen4j kernel on the sockets a Jupyter connection file names, until Jupyter shuts it down. */
public final class KernelServer {
    private KernelServer() {
    }

    public static void serve(Path connectionFile) {
        if (!Files.isRegularFile(connectionFile)) {
            throw new Gen4jException("no Jupyter connection file at " + connectionFile);
        }
        try {
            KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
            JupyterConnection connection = new JupyterConnection(properties);
            Gen4jKernel kernel = Gen4jKernel.create();
            kernel.onStartup();
            kernel.becomeHandlerForConnection(connection);
            connection.connect();
            connection.waitUntilClose();
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new Gen4jException("cannot start the notebook kernel: " + e.getMessage(), e);
        }
    }
}
