# Sourced: a Spark 3.5 standalone cluster on this machine (a master and one worker with 2 cores; executors are JVMs
# of their own with Spark's jars only), for docs/spark-standalone/run.sh and benchmarks/spark/scale.sh.
#   start_spark_cluster OUT_DIR [WORKER_MEMORY]   sets spark_master, stops the cluster when the script exits
#   spark_java ARGS...                             java with Spark's jars and Java 17 flags (spark-submit's JVM)
# SPARK_HOME: a Spark distribution; unset, Spark's jars are fetched by Maven into target/spark-home.
if [ -z "${SPARK_HOME:-}" ]; then
  SPARK_HOME="$PWD/target/spark-home"
  [ -d "$SPARK_HOME/jars" ] || mvn -q -B -f docs/spark-standalone/pom.xml dependency:copy-dependencies \
    -DoutputDirectory="$SPARK_HOME/jars"
fi
export SPARK_HOME SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
# Spark's own Java 17 flags (what its launcher adds), without gen4j's native settings: a cluster has none of them
spark_flags="$(bash -c '. src/main/sh/native-env.sh >/dev/null 2>&1; echo "$GEN4J_SPARK_OPTS"')"
spark_java() { env -u LD_PRELOAD java $spark_flags -cp "$SPARK_HOME/jars/*" "$@"; }

start_spark_cluster() {
  local out="$1" memory="${2:-6g}"
  mkdir -p "$out"
  # env execs java, so $! is java's own process id and the exit trap stops it
  env -u LD_PRELOAD java $spark_flags -cp "$SPARK_HOME/jars/*" -Xmx1g org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 17077 --webui-port 18080 \
    >"$out/master.log" 2>&1 &
  spark_cluster_pids="$!"
  env -u LD_PRELOAD java $spark_flags -cp "$SPARK_HOME/jars/*" -Xmx1g org.apache.spark.deploy.worker.Worker spark://127.0.0.1:17077 --host 127.0.0.1 --cores 2 \
    --memory "$memory" --work-dir "$out/work" --webui-port 18081 >"$out/worker.log" 2>&1 &
  spark_cluster_pids="$spark_cluster_pids $!"
  trap 'kill $spark_cluster_pids 2>/dev/null || true' EXIT
  until grep -q "Successfully registered with master" "$out/worker.log" 2>/dev/null; do   # the event, not seconds
    kill -0 $! 2>/dev/null || { echo "the Spark worker did not start: see $out/worker.log" >&2; return 1; }
    sleep 1
  done
  spark_master=spark://127.0.0.1:17077
}
