package org.gen4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Entries of a zip file from a user, read through a bound on what they expand to, whatever sizes the zip declares:
 * a few megabytes of zip can expand to gigabytes, and reading them whole ran the JVM out of memory after minutes.
 * <pre>{@code
 * BoundedZip zip = new BoundedZip(zipFile, path, "model file", 2L << 30);   // 2 GiB for all entries together
 * byte[] json = zip.read("model.json", 64 << 20);                 // and 64 MiB for this one
 * }</pre>
 */
public final class BoundedZip {
    private final ZipFile zip;
    private final Path path;
    private final String kind;
    private final long totalBound;
    private long bytesLeft;

    /**
     * @param kind       what the file is, for messages ("model file", "classifier file")
     * @param totalBound the bytes all entries read through this object may expand to together
     */
    public BoundedZip(ZipFile zip, Path path, String kind, long totalBound) {
        this.zip = zip;
        this.path = path;
        this.kind = kind;
        this.totalBound = totalBound;
        this.bytesLeft = totalBound;
    }

    /** Whether the zip has this entry. */
    public boolean has(String name) {
        return zip.getEntry(name) != null;
    }

    /**
     * The entry's expanded bytes.
     *
     * @throws Gen4jException naming the file and entry when it is missing, unreadable, or expands past {@code bound}
     *                        or what is left of the total bound
     */
    public byte[] read(String name, long bound) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw corrupt("missing " + name);
        }
        long limit = Math.min(bound, bytesLeft);
        if (entry.getSize() > limit) {
            throw tooLarge(name, entry.getSize() + " bytes", limit);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > limit) {
                throw tooLarge(name, "more than " + limit + " bytes", limit);
            }
            bytesLeft -= bytes.length;
            return bytes;
        } catch (IOException e) {
            throw corrupt(name + " cannot be read (" + firstLine(e.getMessage()) + ")");
        }
    }

    public Gen4jException corrupt(String what) {
        return new Gen4jException("corrupt " + kind + " " + path + ": " + what);
    }

    private Gen4jException tooLarge(String name, String size, long limit) {
        return corrupt(name + " expands to " + size + ", past the bound of " + limit
                + " bytes (a larger file needs -Dgen4j.model.maxBytes, now " + totalBound + ")");
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
