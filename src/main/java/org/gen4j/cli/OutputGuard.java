package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Refuses a command whose output would replace one of its own inputs: {@code --out} naming the same file (by
 * identity: links and {@code ./} count) as any other file given on the command line, such as {@code --data},
 * {@code --model} or {@code --init}. gen4j's overwrite policy otherwise: an output file that exists is replaced,
 * whole and atomically, once the command has succeeded (as {@code torch.save} and scikit-learn's {@code joblib.dump}
 * do); an input is never an output.
 */
final class OutputGuard {
    private static final String OUT = "--out";

    private OutputGuard() {
    }

    /** @throws Gen4jException when the innermost command's {@code --out} is one of the files it reads */
    static void check(ParseResult parsed) {
        ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        if (!command.hasMatchedOption(OUT)) {
            return;
        }
        Path out = path(command.matchedOptionValue(OUT, (Object) null));
        if (out == null || !Files.exists(out)) {
            return;                                   // a new file cannot be an existing input
        }
        for (OptionSpec option : command.matchedOptions()) {
            if (option.longestName().equals(OUT)) {
                continue;
            }
            Object value = option.getValue();
            for (Object one : value instanceof Iterable<?> many ? many : java.util.List.of(value == null ? "" : value)) {
                Path input = path(one);
                if (input != null && sameFile(out, input)) {
                    throw new Gen4jException(OUT + " " + out + " is the file given to " + option.longestName()
                            + ": refusing to overwrite an input (choose another output file)");
                }
            }
        }
    }

    private static Path path(Object value) {
        try {
            if (value instanceof Path p) {
                return p;
            }
            if (value instanceof File f) {
                return f.toPath();
            }
            if (value instanceof String s && !s.isBlank()) {
                return Path.of(s);
            }
        } catch (InvalidPathException e) {
            return null;
        }
        return null;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
