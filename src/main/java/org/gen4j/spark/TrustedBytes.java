package org.gen4j.spark;

import org.gen4j.core.Gen4jException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Parameters and statistics as bytes between the driver and the executors, so they travel the same whichever
 * serializer a Spark application is configured with (Java or Kryo). Only bytes this application wrote are read,
 * never a user's file; even so, only gen4j's, ND4J's and the JDK's value classes are accepted.
 */
final class TrustedBytes {
    private static final ObjectInputFilter ONLY_OURS = ObjectInputFilter.Config.createFilter(
            "maxdepth=40;org.gen4j.**;org.nd4j.**;java.lang.*;java.util.*;java.lang.invoke.SerializedLambda;[*;!*");

    private TrustedBytes() {
    }

    static byte[] write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new Gen4jException("could not send " + value.getClass().getSimpleName() + " to the executors: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static <T> T read(byte[] bytes) {
        try (ObjectInputStream in = new ContextClassLoaderInput(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ONLY_OURS);
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new Gen4jException("could not read statistics sent between driver and executors: " + e.getMessage(), e);
        }
    }

    /** Executors load gen4j from the application's jar, which the thread's context class loader sees. */
    private static final class ContextClassLoaderInput extends ObjectInputStream {
        ContextClassLoaderInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return loader == null ? super.resolveClass(description) : Class.forName(description.getName(), false, loader);
        }
    }
}
