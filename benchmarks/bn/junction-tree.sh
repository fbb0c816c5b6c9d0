#!/usr/bin/env bash
# Exact inference on the eleven large bnlearn networks (datasets/bn/large) with a junction tree: the largest clique
# and memory of the cheapest elimination order found, build and calibration times (cold first, then the median of 5
# with 10 % of the variables observed, every posterior read each time), a cross-check against another order, or the
# up-front refusal. The budget is the launcher's default (half of -Xmx4g); munin1, refused there, runs again with
# a 5 GiB budget in a 10 GiB heap. Usage: bash benchmarks/bn/junction-tree.sh    (JSON lines on stdout)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package
. benchmarks/gen4j-java.sh
cp="target/gen4j.jar:target/lib/*"
gen4j_java -Xmx4g -cp "$cp" benchmarks/bn/JunctionTreeBenchmark.java $((2 << 30)) \
  water mildew barley hepar2 pathfinder munin1 andes diabetes pigs link munin 2>/dev/null
gen4j_java -Xmx10g -cp "$cp" benchmarks/bn/JunctionTreeBenchmark.java $((5 << 30)) munin1 2>/dev/null
