package org.gen4j.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;

/**
 * gen4j's logging defaults: warnings and errors on standard error, and quieter still for the libraries that talk
 * at every start (users see gen4j's own output, not a wall of DL4J, ND4J and Spark lines).
 *
 * <p>Logback finds it through {@code META-INF/services} only when no {@code logback.xml} is on the class path, so an
 * application that embeds gen4j keeps its own configuration. Set in code rather than in a bundled
 * {@code logback.xml} because reading XML cost every command ~80 ms of its start (benchmarks/RESULTS.md).
 */
public final class QuietLogging extends ContextAwareBase implements Configurator {
    /** Loggers that need more than the root's WARN to stay quiet, and why. */
    static final Map<String, Level> LEVELS = Map.ofEntries(
            // loss layers have no width of their own; DL4J warns about "a size of zero" for every VAE it builds
            Map.entry("org.deeplearning4j.nn.conf.inputs.InputType", Level.ERROR),
            // a build with both backends that finds no GPU falls back to the CPU; gen4j info says so, every run need not
            Map.entry("org.nd4j.linalg.factory.Nd4jBackend", Level.ERROR),
            // jhdf notes oddities of a file it can still read; a file it cannot read is one gen4j error instead
            Map.entry("io.jhdf", Level.ERROR),
            // Spark: a task failing on bad data is reported once, as gen4j's one-line error, not by the executor,
            // the task set and the block manager in turn; Hadoop's native-library notice is noise
            Map.entry("org.apache.spark.executor.Executor", Level.OFF),
            Map.entry("org.apache.spark.scheduler.TaskSetManager", Level.OFF),
            Map.entry("org.apache.spark.storage.BlockManager", Level.ERROR),
            Map.entry("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR),
            Map.entry("org.apache.spark.util.Utils", Level.ERROR));

    @Override
    public void configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger{0} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
