package org.gen4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Number arrays to and from JSON for model codecs (non-numbers such as a written NaN read back as NaN). */
public final class JsonArrays {
    private JsonArrays() {
    }

    public static void add(ArrayNode node, long[] values) {
        for (long v : values) {
            node.add(v);
        }
    }

    public static void add(ArrayNode node, int[] values) {
        for (int v : values) {
            node.add(v);
        }
    }

    public static void add(ArrayNode node, double[] values) {
        for (double v : values) {
            node.add(v);
        }
    }

    public static long[] longs(JsonNode node) {
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asLong();
        }
        return out;
    }

    public static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    public static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).isNumber() ? node.get(i).asDouble() : Double.NaN;
        }
        return out;
    }
}
