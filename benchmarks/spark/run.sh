#!/usr/bin/env bash
# gen4j on Spark against Spark MLlib's GaussianMixture, both in local[2] (two task slots, one thread per task:
# gen4j's own threads and OpenBLAS's are set to 1 so each side runs two threads), same data, same start.
# Usage: bash benchmarks/spark/run.sh [REPEATS] [rough|refined] [COLUMNS]   (raw JSON lines on stdout)   (needs the GMM benchmark's data: benchmarks/gmm/make_data.py)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-3}"
start="${2:-rough}"   # rough: the GMM benchmark's start; refined: 3 EM iterations on from it (no densities underflow)
columns="${3:-16}"    # fewer: the first COLUMNS columns, from one EM iteration after k-means++ (rough) or 3 more (refined)
out=benchmarks/out/gmm
[ -f "$out/x.npy" ] || /usr/bin/python3 benchmarks/gmm/make_data.py "$out"
[ -f target/gen4j.jar ] && [ -d target/spark-lib ] || mvn -q -B -DskipTests package
[ -d benchmarks/out/spark-mllib-lib ] || \
  mvn -q -B -f benchmarks/spark/pom.xml dependency:copy-dependencies -DoutputDirectory=../out/spark-mllib-lib
. benchmarks/gen4j-java.sh
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
spark_opts="$(bash -c '. src/main/sh/native-env.sh >/dev/null 2>&1; echo "$GEN4J_SPARK_OPTS"')"
for side in gen4j mllib; do   # one JVM per side: both first fits are cold
  gen4j_java -Xmx8g -Dgen4j.threads=1 -Dbench.columns="$columns" $spark_opts \
    -cp "target/gen4j.jar:target/lib/*:target/spark-lib/*:benchmarks/out/spark-mllib-lib/*" \
    benchmarks/spark/SparkGmmBenchmark.java "$out" "$side" "$repeats" "$start"
done
