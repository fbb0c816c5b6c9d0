#!/usr/bin/env bash
# gen4j on a Spark standalone cluster on this machine: one master, one worker whose executors are separate JVMs,
# the all-in-one jar submitted with spark-submit's own entry point, as on a real cluster. Fits a GMM, an HMM, a
# Bayesian network and a GAN there and on one machine, and prints both. Usage:
#   bash docs/spark-standalone/run.sh              # Spark's jars fetched by Maven into target/spark-home
#   SPARK_HOME=/opt/spark-3.5.x bash docs/spark-standalone/run.sh
# Needs the GMM benchmark's data (benchmarks/gmm/make_data.py) for the 100,000-row fit; writes target/spark-standalone/.
set -euo pipefail
cd "$(dirname "$0")/../.."
here="$PWD"
out="$here/target/spark-standalone"
mkdir -p "$out"
. docs/spark-standalone/cluster.sh
[ -f target/gen4j-all.jar ] || mvn -q -B -DskipTests -Dgen4j.skipAllJar=false package
[ -f benchmarks/out/gmm/x.npy ] || /usr/bin/python3 benchmarks/gmm/make_data.py benchmarks/out/gmm
[ -f "$out/big.csv" ] || /usr/bin/python3 -c "
import numpy as np, sys
x = np.load('benchmarks/out/gmm/x.npy')
np.savetxt(sys.argv[1], x, delimiter=',', header=','.join('x%d' % j for j in range(x.shape[1])), comments='', fmt='%.17g')
" "$out/big.csv"
./gen4j sample --model asia -n 20000 --seed 3 --out "$out/asia-cases.csv" >/dev/null

start_spark_cluster "$out"

submit() {   # spark-submit's entry point, with the all-in-one jar
  spark_java org.apache.spark.deploy.SparkSubmit --class org.gen4j.cli.Gen4j --master "$spark_master" \
    --driver-java-options '--add-modules jdk.incubator.vector' \
    --conf spark.executor.extraJavaOptions='--add-modules jdk.incubator.vector' \
    target/gen4j-all.jar "$@" 2>>"$out/submit.log"
}
summary() {  # the figures to compare, from a --json summary on stdin
  /usr/bin/python3 -c "
import json, sys
s = json.load(sys.stdin)
print('  %-13s' % sys.argv[1], ', '.join('%s %s' % (k, s[k]) for k in sys.argv[2:] if k in s))
" "$@"
}
echo "== GMM, 100,000 x 16, K = 8, full"
submit fit gmm --spark default --data "file://$out/big.csv" -k 8 --seed 1 --out "$out/big-cluster.gmm" --json \
  | summary cluster meanLogLikelihood nIter bic fitSeconds
./gen4j fit gmm --data "$out/big.csv" -k 8 --seed 1 --out "$out/big-local.gmm" --json \
  | summary "one machine" meanLogLikelihood nIter bic fitSeconds
echo "== HMM, eustock returns, 2 states"
submit fit hmm --spark default --data eustock-returns -k 2 --out "$out/eu-cluster.hmm" --json \
  | summary cluster logLikelihood nIter bic fitSeconds
./gen4j fit hmm --data eustock-returns -k 2 --out "$out/eu-local.hmm" --json \
  | summary "one machine" logLikelihood nIter bic fitSeconds
echo "== Bayesian network, asia, 20,000 cases: cluster and one machine write"
submit fit bn --spark default --model asia --data "file://$out/asia-cases.csv" --out "$out/asia-cluster.bif" >/dev/null
./gen4j fit bn --model asia --data "$out/asia-cases.csv" --out "$out/asia-local.bif" >/dev/null
cmp -s "$out/asia-cluster.bif" "$out/asia-local.bif" && echo "  identical BIF files" || echo "  DIFFERENT BIF files"
echo "== tasks the executors (separate JVMs) finished: $(cat "$out"/work/*/*/stderr | grep -c 'Finished task')"

echo "== GAN, 2-D rows, local steps and averaging (2 partitions on both sides)"
[ -f "$out/blob.csv" ] || /usr/bin/python3 -c "
import random, sys
random.seed(5)
with open(sys.argv[1], 'w') as f:
    f.write('x,y\\n')
    for _ in range(4000):
        f.write('%r,%r\\n' % (3 + 0.5 * random.gauss(0, 1), -1 + 0.5 * random.gauss(0, 1)))
" "$out/blob.csv"
submit fit gan --spark default --data "file://$out/blob.csv" --arch mlp --epochs 3 --batch 100 --seed 2 \
  --out "$out/blob-cluster.gen4j" --json | tee "$out/blob-cluster.json" | summary cluster discriminatorLoss generatorLoss
./gen4j fit gan --spark 'local[2]' --data "file://$out/blob.csv" --arch mlp --epochs 3 --batch 100 --seed 2 \
  --out "$out/blob-local.gen4j" --json 2>/dev/null | tee "$out/blob-local.json" | summary 'local[2]' discriminatorLoss generatorLoss
