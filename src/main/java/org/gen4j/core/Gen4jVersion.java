package org.gen4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this gen4j build, read from the properties file Maven writes at build time. */
public final class Gen4jVersion {
    private static final String VERSION = readVersion();

    private Gen4jVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Gen4jVersion.class.getResourceAsStream("/org/gen4j/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
