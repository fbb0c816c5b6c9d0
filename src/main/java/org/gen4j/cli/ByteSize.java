package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import picocli.CommandLine.ITypeConverter;

import java.util.Locale;

/** A size in bytes as a user writes it: {@code 2g}, {@code 512m}, {@code 1.5G}, {@code 64k} or plain bytes (powers of 1024). */
final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        try {
            return parse(text);
        } catch (Gen4jException e) {
            throw new picocli.CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        double value;
        try {
            value = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new Gen4jException("'" + text + "' is not a size (examples: 2g, 512m, 1.5g)");
        }
        if (!(value > 0) || value * unit >= Long.MAX_VALUE) {
            throw new Gen4jException("'" + text + "' is not a positive size (examples: 2g, 512m, 1.5g)");
        }
        return (long) (value * unit);
    }
}
