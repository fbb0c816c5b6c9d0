# Native-library settings gen4j runs best with on CPUs. Sourced by the gen4j launcher and the benchmark scripts,
# so that benchmarks measure gen4j as users run it. Exports OMP_WAIT_POLICY, OPENBLAS_THREAD_TIMEOUT and (for
# ND4J's bundled OpenBLAS) OPENBLAS_CORETYPE, sets GEN4J_BLAS_OPTS (JVM options choosing the OpenBLAS build) and
# GEN4J_SIMD_OPTS (JVM options for gen4j's SIMD kernels), and defines gen4j_without_incubator_warning.

# libnd4j's OpenMP threads spin between operations and starve OpenBLAS's threads on small machines;
# passive waiting made EM 1.5-2x faster on 2 cores (see benchmarks/RESULTS.md).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# OpenBLAS's threads likewise spin for ~2^28 cycles after each product, taking a core from the Java and
# libnd4j work that follows. 2^4 made HMM decoding ~20% faster when its products were followed by long Java work;
# with that work in SIMD kernels since, 2^20 (~0.4 ms) keeps the threads awake across a network step's short gaps
# between products: VAE epoch ~13% faster than 2^4, HMM and GMM the same or better (benchmarks/RESULTS.md).
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-20}"

# A system OpenBLAS (Debian's libopenblas0: 0.3.21 on bookworm) knows recent CPUs' kernels and runs EM's tall
# products up to 1.7x faster than ND4J's bundled 0.3.19. JavaCPP loads it instead of the bundled one when asked
# by name from a folder holding only it, and into a JavaCPP cache of its own: JavaCPP links the loaded library into
# its cache, so sharing the default cache would hand it to runs that did not ask. GEN4J_BLAS=bundled opts out.
# ND4J's OpenBLAS bindings also call LAPACKE (symmetric eigenvalues, for Frechet distances; SVD): a system
# OpenBLAS without it (Debian's libopenblas0) would end the JVM at the first such call ("symbol lookup error"), so it
# is used only with LAPACKE at hand: its own, or Debian's liblapacke (preloaded; it calls the same OpenBLAS).
GEN4J_BLAS_OPTS=""
gen4j_system_openblas="${GEN4J_SYSTEM_OPENBLAS:-/usr/lib/x86_64-linux-gnu/libopenblas.so.0}"
gen4j_system_lapacke="${GEN4J_SYSTEM_LAPACKE:-/usr/lib/x86_64-linux-gnu/liblapacke.so.3}"
gen4j_cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/gen4j"
# Whether a library exports LAPACKE. The answer is kept in the cache, per file (inode, size, modification time),
# outside the folder JavaCPP loads OpenBLAS from: grepping the 36 MB library took ~50 ms of every command's start.
gen4j_has_lapacke() {   # $1: the library file
  local marker
  marker="$gen4j_cache/lapacke-checks/$(stat -L -c '%i-%s-%Y' "$1" 2>/dev/null)"
  [ -f "$marker.yes" ] && return 0
  [ -f "$marker.no" ] && return 1
  if grep -q LAPACKE_dsyev_work "$1" 2>/dev/null; then
    mkdir -p "$gen4j_cache/lapacke-checks" 2>/dev/null && touch "$marker.yes" 2>/dev/null
    return 0
  fi
  mkdir -p "$gen4j_cache/lapacke-checks" 2>/dev/null && touch "$marker.no" 2>/dev/null
  return 1
}
gen4j_lapacke_preload=""
if [ -e "$gen4j_system_openblas" ] && ! gen4j_has_lapacke "$(readlink -f "$gen4j_system_openblas")"; then
  gen4j_lapacke_preload="$gen4j_system_lapacke"
fi
# (a cache folder that cannot be written keeps the bundled library rather than stopping the launcher)
if [ "${GEN4J_BLAS:-system}" != bundled ] && [ -e "$gen4j_system_openblas" ] && [ "$(uname -m)" = x86_64 ] \
    && { [ -z "$gen4j_lapacke_preload" ] || [ -e "$gen4j_lapacke_preload" ]; } \
    && mkdir -p "$gen4j_cache/system-openblas" 2>/dev/null \
    && ln -sfn "$gen4j_system_openblas" "$gen4j_cache/system-openblas/libopenblas.so" 2>/dev/null; then
  GEN4J_BLAS_OPTS="-Dorg.bytedeco.openblas.load=openblas -Djava.library.path=$gen4j_cache/system-openblas"
  GEN4J_BLAS_OPTS="$GEN4J_BLAS_OPTS -Dorg.bytedeco.javacpp.cachedir=$gen4j_cache/javacpp-system-openblas"
  GEN4J_BLAS_OPTS="$GEN4J_BLAS_OPTS -Dgen4j.openblas.path=$(readlink -f "$gen4j_system_openblas")"
  if [ -n "$gen4j_lapacke_preload" ]; then
    export LD_PRELOAD="$gen4j_lapacke_preload${LD_PRELOAD:+:$LD_PRELOAD}"
    # a preloaded library's thread-local storage sits on every thread's stack: the JDK's "process reaper" runs on
    # 128 KB and overflowed, so waiting for Graphviz (graph --out x.png) or a browser (train --ui) hung
    GEN4J_BLAS_OPTS="$GEN4J_BLAS_OPTS -Djdk.lang.processReaperUseDefaultStackSize=true"
  fi
elif [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
  # ND4J's bundled OpenBLAS (0.3.19) does not recognise recent AMD CPUs and falls back to old SSE3 kernels
  # (4x slower GEMM measured); its AVX2 kernels are the safe choice on any CPU that has AVX2.
  export OPENBLAS_CORETYPE=Haswell
fi
export GEN4J_BLAS_OPTS

# gen4j's SIMD kernels (org.gen4j.stats.SimdKernels: EM's products and log-sum-exp) use Java 17's
# vector API, an incubator module the JVM must be told to load. GEN4J_SIMD=off runs EM on ND4J operations instead.
if [ "${GEN4J_SIMD:-on}" = off ]; then
  GEN4J_SIMD_OPTS="-Dgen4j.simd=false"
else
  GEN4J_SIMD_OPTS="--add-modules jdk.incubator.vector"
fi
export GEN4J_SIMD_OPTS

# With that module the JVM prints "WARNING: Using incubator modules: jdk.incubator.vector" on stderr at every
# start, before anything else. This filter (stderr in, stderr out) drops that one first line and passes the rest
# through as it comes.
gen4j_without_incubator_warning() {
  local first
  if IFS= read -r first; then
    [[ $first == "WARNING: Using incubator modules: "* ]] || printf '%s\n' "$first"
  elif [ -n "$first" ]; then
    printf '%s' "$first"
  fi
  exec cat
}

# Runs `java "$@"` with its stderr through that filter and returns java's exit status once the filter has written
# everything (so that `gen4j ... 2>log; cat log` sees all of it). Termination signals reach java: SIGTERM and
# SIGHUP are passed on, and Ctrl-C becomes SIGTERM (java runs in the background here, where a script's children
# ignore SIGINT). Falls back to a plain exec when no FIFO can be made.
gen4j_run_java() {
  local dir java filter status
  dir="$(mktemp -d "${TMPDIR:-/tmp}/gen4j.XXXXXX" 2>/dev/null)" && mkfifo "$dir/stderr" 2>/dev/null \
    || { [ -z "$dir" ] || rm -rf "$dir"; exec java "$@"; }
  trap '' INT                                # the filter drains until java is done, whatever happens
  gen4j_without_incubator_warning < "$dir/stderr" >&2 &
  filter=$!
  exec 3<&0                                  # a background command's stdin would be /dev/null otherwise
  # java must not outlive this script: killed with SIGKILL, the script cannot pass anything on, so the kernel
  # sends java SIGTERM when its parent dies (its shutdown hooks then stop a training run at a checkpoint)
  local orphan_guard=()
  if command -v setpriv >/dev/null 2>&1 && setpriv --pdeathsig TERM true 2>/dev/null; then
    orphan_guard=(setpriv --pdeathsig TERM --)
  fi
  "${orphan_guard[@]}" java "$@" 2> "$dir/stderr" <&3 3<&- &
  java=$!
  exec 3<&-
  trap 'kill -TERM "$java" 2>/dev/null' INT TERM
  trap 'kill -HUP "$java" 2>/dev/null' HUP
  while :; do
    status=0
    wait "$java" || status=$?
    kill -0 "$java" 2>/dev/null || break    # else wait was cut short by a signal: java still runs
  done
  wait "$filter" 2>/dev/null || true
  rm -rf "$dir"
  trap - INT TERM HUP
  return "$status"
}

# Spark 3.5 on Java 17 opens these JDK internals to itself (as its own launcher does); the same list is in pom.xml
# (spark.java.flags) for the tests.
GEN4J_SPARK_OPTS=""
for gen4j_package in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  GEN4J_SPARK_OPTS="$GEN4J_SPARK_OPTS --add-opens=java.base/$gen4j_package=ALL-UNNAMED"
done
GEN4J_SPARK_OPTS="$GEN4J_SPARK_OPTS -Djdk.reflect.useDirectMethodHandle=false"
export GEN4J_SPARK_OPTS
