#!/usr/bin/env bash
# gen4j's Spark GMM EM at 1M, 3M and 10M rows x 16 columns, generated inside the partitions, on a standalone Spark
# cluster on this machine (docs/spark-standalone/cluster.sh: one worker, 2 cores, a 5 GB executor) with a 1 GB
# driver heap: the driver holds parameters and merged statistics only, while 10M rows are 1.28 GB of doubles, more
# than a 1 GB JVM can hold. Raw JSON lines on stdout; plot with plot_scale.py.
# Usage: bash benchmarks/spark/scale.sh [ROWS...]    (default 1000000 3000000 10000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 3000000 10000000)
. docs/spark-standalone/cluster.sh
[ -f target/gen4j-all.jar ] || mvn -q -B -DskipTests -Dgen4j.skipAllJar=false package
classes=benchmarks/out/spark-scale-classes
rm -rf "$classes" && mkdir -p "$classes"
javac -nowarn -cp "target/gen4j-all.jar:$SPARK_HOME/jars/*" -d "$classes" benchmarks/spark/SparkScaleBenchmark.java
jar cf benchmarks/out/spark-scale.jar -C "$classes" .
out=target/spark-scale
start_spark_cluster "$out" 6g
spark_java -Xmx1g org.apache.spark.deploy.SparkSubmit --class SparkScaleBenchmark --master "$spark_master" \
  --executor-memory 5g --driver-java-options '--add-modules jdk.incubator.vector' \
  --conf spark.executor.extraJavaOptions='--add-modules jdk.incubator.vector' \
  --jars target/gen4j-all.jar benchmarks/out/spark-scale.jar default 32 5 "${sizes[@]}" 2>"$out/submit.log"
