package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import picocli.CommandLine.Option;

import java.util.function.Supplier;

/** {@code --spark MASTER}, declared once for the fits that can run on Apache Spark. */
final class SparkOption {
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Fit on Apache Spark: local[N] on N cores of this machine, or a cluster's master (spark://HOST:7077,"
                    + " yarn; 'default' takes spark-submit's). --data may then be a CSV or Parquet file or folder at any Hadoop"
                    + " URI (file://, hdfs://, s3a://; prefix a folder with csv: or parquet:).")
    private String master;

    boolean requested() {
        return master != null;
    }

    String master() {
        return master;
    }

    /** Runs a fit on Spark; without Spark on the class path, says how to get it instead of a stack trace. */
    static <T> T run(Supplier<T> fit) {
        try {
            return fit.get();
        } catch (NoClassDefFoundError e) {
            String missing = String.valueOf(e.getMessage());
            if (missing.startsWith("org/apache/spark") || missing.startsWith("scala/")) {
                throw new Gen4jException("Spark is not on the class path: use ./gen4j (it adds target/spark-lib for --spark),"
                        + " or spark-submit with target/gen4j-all.jar (see README, Spark)");
            }
            throw e;
        }
    }
}
