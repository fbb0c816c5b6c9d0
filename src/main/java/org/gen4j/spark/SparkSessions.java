package org.gen4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a gen4j command runs in: {@code local[N]} on this machine, or the master a {@code spark-submit}
 * names. Spark's web UI stays off; the serializer is Java's unless Kryo is asked for (gen4j's own traffic is the same
 * with either).
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /** @param master {@code local[2]}, {@code spark://host:7077}, {@code yarn}, ...; null or {@code default} to take spark-submit's */
    public static SparkSession open(String master, boolean kryo) {
        if ("default".equals(master)) {
            master = null;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("gen4j")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (master != null) {
            builder.master(master);
            if (master.startsWith("local")) {
                // one machine: stay on the loopback interface, whatever the host name resolves to
                builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        if (kryo) {
            builder.config("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
            if (onClassPath(ND4J_KRYO_REGISTRATOR)) {
                builder.config("spark.kryo.registrator", ND4J_KRYO_REGISTRATOR);   // ND4J arrays in a VAE's batches
            }
        }
        return builder.getOrCreate();
    }

    private static final String ND4J_KRYO_REGISTRATOR = "org.nd4j.kryo.Nd4jRegistrator";

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name, false, SparkSessions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
