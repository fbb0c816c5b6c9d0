#!/usr/bin/env bash
# A GAN on Spark (local[2], local steps and averaging) against the same GAN on one machine: ring modes covered per epoch.
# Usage: bash benchmarks/spark/gan.sh [EPOCHS] [AVERAGING...]     (raw JSON lines on stdout)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/gen4j.jar ] && [ -d target/spark-lib ] || mvn -q -B -DskipTests package
. benchmarks/gen4j-java.sh
spark_opts="$(bash -c '. src/main/sh/native-env.sh >/dev/null 2>&1; echo "$GEN4J_SPARK_OPTS"')"
gen4j_java -Xmx4g $spark_opts -cp "target/gen4j.jar:target/lib/*:target/spark-lib/*" \
  benchmarks/spark/SparkGanBenchmark.java "$@"
