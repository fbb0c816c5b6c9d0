package org.gen4j.bayesnet.readwrite;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Provenance;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Bayesian Interchange Format (BIF) as the bnlearn repository writes it: {@code variable NAME { type
 * discrete [ k ] { s1, s2, ... }; }} blocks, then {@code probability ( CHILD | P1, P2 ) { (p1, p2) v1, v2; ... }}
 * or {@code probability ( ROOT ) { table v1, v2; }} blocks. A state is everything between separators, so names
 * such as {@code <5} or {@code Asy/Patch} work. Errors name the line.
 *
 * <pre>{@code
 * BayesianNetwork asia = BifReader.read(Path.of("asia.bif"));
 * BayesianNetwork munin = BifReader.read(Path.of("munin.bif.gz"));      // gzipped, as bnlearn ships them
 * }</pre>
 */
public final class BifReader {
    private final String source;
    private final String text;
    private int position;

    private BifReader(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** The most text read from one file, gzipped or not: 256 MiB, lower or higher with {@code -Dgen4j.bif.maxBytes}. */
    static final long MAX_TEXT_BYTES = Long.getLong("gen4j.bif.maxBytes", 256L << 20);

    /** Whether a file name says BIF: {@code .bif} or {@code .bif.gz}, in any case. */
    public static boolean isBifName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".bif") || lower.endsWith(".bif.gz");
    }

    /** Reads a {@code .bif} file, or a gzipped one ({@code .bif.gz}, as bnlearn distributes them). */
    public static BayesianNetwork read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new Gen4jException("no BIF file at " + path);
        }
        try (InputStream raw = Files.newInputStream(path)) {
            InputStream in = new BufferedInputStream(raw);
            in.mark(2);
            boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;   // the gzip magic, whatever the file is called
            in.reset();
            if (gzipped) {
                in = new GZIPInputStream(in);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, MAX_TEXT_BYTES + 1));
            if (bytes.length > MAX_TEXT_BYTES) {
                throw new Gen4jException(path + " holds more than " + MAX_TEXT_BYTES + " bytes of BIF text"
                        + (gzipped ? " once unzipped" : "") + " (raise the limit with -Dgen4j.bif.maxBytes)");
            }
            return parse(new String(bytes, StandardCharsets.UTF_8), path.toString());
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new Gen4jException(path + " is not a complete gzip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new Gen4jException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** @param source names the text in error messages */
    public static BayesianNetwork parse(String text, String source) {
        return new BifReader(text, source).network();
    }

    private BayesianNetwork network() {
        Map<String, DiscreteVariable> variables = new LinkedHashMap<>();
        List<ConditionalProbabilityTable> tables = new ArrayList<>();
        skipSpace();
        while (position < text.length()) {
            String keyword = word();
            switch (keyword) {
                case "network" -> skipBlock();
                case "variable" -> {
                    DiscreteVariable v = variable();
                    if (variables.put(v.name(), v) != null) {
                        throw error("variable '" + v.name() + "' is declared twice");
                    }
                }
                case "probability" -> tables.add(probability(variables));
                default -> throw error("expected 'network', 'variable' or 'probability', found '" + keyword + "'");
            }
            skipSpace();
        }
        if (variables.isEmpty()) {
            throw error("no 'variable' blocks: not a BIF network");
        }
        for (String name : variables.keySet()) {
            if (tables.stream().noneMatch(t -> t.child().name().equals(name))) {
                throw new Gen4jException(source + ": variable '" + name + "' has no probability block");
            }
        }
        try {
            return new BayesianNetwork(tables, Provenance.now("BIF file", Map.of(), source, List.of()));
        } catch (Gen4jException e) {
            throw new Gen4jException(source + ": " + e.getMessage(), e);
        }
    }

    private DiscreteVariable variable() {
        String name = word();
        expect('{');
        String type = word();
        if (!type.equals("type")) {
            throw error("expected 'type' in variable '" + name + "', found '" + type + "'");
        }
        String kind = word();
        if (!kind.equals("discrete")) {
            throw error("variable '" + name + "' is of type '" + kind + "'; only discrete variables are supported");
        }
        expect('[');
        String declared = word();
        if (!declared.matches("\\d{1,9}")) {
            throw error("variable '" + name + "' declares '" + declared + "' states, not a count");
        }
        int count = Integer.parseInt(declared);
        expect(']');
        expect('{');
        List<String> states = list('}');
        expect(';');
        while (peek() != '}') {
            skipStatement();                    // property lines and the like
        }
        expect('}');
        if (states.size() != count) {
            throw error("variable '" + name + "' declares " + count + " states but lists " + states.size());
        }
        try {
            return new DiscreteVariable(name, states);
        } catch (Gen4jException e) {
            throw error(e.getMessage());
        }
    }

    private ConditionalProbabilityTable probability(Map<String, DiscreteVariable> variables) {
        expect('(');
        List<String> names = new ArrayList<>();
        names.add(word());
        skipSpace();
        if (peek() == '|') {
            position++;
            names.addAll(list(')'));
        } else {
            expect(')');
        }
        List<DiscreteVariable> scope = new ArrayList<>();
        for (String n : names) {
            DiscreteVariable v = variables.get(n);
            if (v == null) {
                throw error("probability block names undeclared variable '" + n + "'");
            }
            scope.add(v);
        }
        DiscreteVariable child = scope.get(0);
        List<DiscreteVariable> parents = scope.subList(1, scope.size());
        // every entry takes at least two characters ("1,"): a table larger than the file cannot be listed in it, so it
        // is refused before anything is allocated (30 parents of 10 states once overflowed int and crashed)
        long entries = child.cardinality();
        for (DiscreteVariable p : parents) {
            entries = Math.min(Long.MAX_VALUE / Integer.MAX_VALUE, entries) * p.cardinality();
        }
        if (entries > text.length() / 2) {
            throw error("the table of '" + child.name() + "' given " + parents.size() + " parents has "
                    + (entries >= Long.MAX_VALUE / Integer.MAX_VALUE ? "more than 4e9" : String.valueOf(entries))
                    + " entries, more than this " + text.length() + "-character file can list");
        }
        int q = (int) (entries / child.cardinality());
        double[] values = new double[(int) entries];
        boolean[] seen = new boolean[q];
        expect('{');
        skipSpace();
        while (peek() != '}') {
            if (peek() == '(') {
                position++;
                List<String> states = list(')');
                if (states.size() != parents.size()) {
                    throw error("a row of '" + child.name() + "' names " + states.size() + " parent states, expected " + parents.size());
                }
                int row = 0;
                for (int i = 0; i < parents.size(); i++) {
                    int code = parents.get(i).states().indexOf(states.get(i));
                    if (code < 0) {
                        throw error("'" + states.get(i) + "' is not a state of '" + parents.get(i).name() + "'");
                    }
                    row = row * parents.get(i).cardinality() + code;
                }
                readRow(values, row, child);
                seen[row] = true;
            } else {
                String keyword = word();
                if (!keyword.equals("table")) {
                    throw error("expected '(' or 'table' in the probability block of '" + child.name() + "', found '" + keyword + "'");
                }
                if (!parents.isEmpty()) {
                    throw error("'table' in the probability block of '" + child.name() + "', which has parents: write"
                            + " one row per parent configuration, '(state, ...) values;'");
                }
                double[] all = numbers(';');
                if (all.length != values.length) {
                    throw error("the table of '" + child.name() + "' has " + all.length + " values, expected " + values.length);
                }
                System.arraycopy(all, 0, values, 0, all.length);
                Arrays.fill(seen, true);
            }
            skipSpace();
        }
        expect('}');
        for (int r = 0; r < q; r++) {
            if (!seen[r]) {
                throw error("the probability block of '" + child.name() + "' has no row for parent configuration " + r);
            }
        }
        long[] shape = new long[parents.size() + 1];
        for (int i = 0; i < parents.size(); i++) {
            shape[i] = parents.get(i).cardinality();
        }
        shape[parents.size()] = child.cardinality();
        try {
            return new ConditionalProbabilityTable(child, parents, Nd4j.createFromArray(values).reshape(shape));
        } catch (Gen4jException e) {
            throw error(e.getMessage());
        }
    }

    private void readRow(double[] values, int row, DiscreteVariable child) {
        double[] numbers = numbers(';');
        if (numbers.length != child.cardinality()) {
            throw error("a row of '" + child.name() + "' has " + numbers.length + " values, expected " + child.cardinality());
        }
        System.arraycopy(numbers, 0, values, row * child.cardinality(), numbers.length);
    }

    private double[] numbers(char end) {
        List<String> items = list(end);
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Double.parseDouble(items.get(i));
            } catch (NumberFormatException e) {
                throw error("'" + items.get(i) + "' is not a number");
            }
        }
        return out;
    }

    /** Comma-separated items up to {@code end} (consumed); an item is everything between separators, trimmed. */
    private List<String> list(char end) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw error("unexpected end of file, expected '" + end + "'");
            }
            char c = text.charAt(position++);
            if (c == ',' || c == end) {
                String trimmed = item.toString().trim();
                if (!trimmed.isEmpty()) {
                    items.add(trimmed);
                }
                item.setLength(0);
                if (c == end) {
                    return items;
                }
            } else {
                item.append(c);
            }
        }
    }

    private String word() {
        skipSpace();
        int start = position;
        while (position < text.length() && !Character.isWhitespace(text.charAt(position))
                && "{}()[];,|".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        if (start == position) {
            throw error(position >= text.length() ? "unexpected end of file" : "unexpected '" + text.charAt(position) + "'");
        }
        return text.substring(start, position);
    }

    private void expect(char c) {
        skipSpace();
        if (position >= text.length() || text.charAt(position) != c) {
            throw error("expected '" + c + "'" + (position < text.length() ? ", found '" + text.charAt(position) + "'" : " before the end"));
        }
        position++;
    }

    private char peek() {
        skipSpace();
        if (position >= text.length()) {
            throw error("unexpected end of file");
        }
        return text.charAt(position);
    }

    private void skipBlock() {
        while (position < text.length() && text.charAt(position) != '{') {
            position++;
        }
        int depth = 0;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return;
            }
        }
        throw error("unclosed block");
    }

    private void skipStatement() {
        while (position < text.length() && text.charAt(position) != ';') {
            position++;
        }
        position++;
    }

    private void skipSpace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (text.startsWith("//", position)) {
                while (position < text.length() && text.charAt(position) != '\n') {
                    position++;
                }
            } else {
                return;
            }
        }
    }

    private Gen4jException error(String message) {
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new Gen4jException(source + ", line " + line + ": " + message);
    }
}
