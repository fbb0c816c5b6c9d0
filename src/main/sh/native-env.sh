# Native-library settings gen4j runs best with on CPUs. Sourced by the gen4j launcher and the benchmark scripts,
# so that benchmarks measure gen4j as users run it. Exports OMP_WAIT_POLICY, OPENBLAS_THREAD_TIMEOUT and (for
# ND4J's bundled OpenBLAS) OPENBLAS_CORETYPE, and sets GEN4J_BLAS_OPTS: JVM options choosing the OpenBLAS build.

# libnd4j's OpenMP threads spin between operations and starve OpenBLAS's threads on small machines;
# passive waiting made EM 1.5-2x faster on 2 cores (see benchmarks/RESULTS.md).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# OpenBLAS's threads likewise spin for ~2^28 cycles after each product, taking a core from the Java and
# libnd4j work that follows; 2^4 made HMM decoding ~20% faster and steadier.
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"

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
gen4j_lapacke_preload=""
if [ -e "$gen4j_system_openblas" ] && ! grep -q LAPACKE_dsyev_work "$(readlink -f "$gen4j_system_openblas")" 2>/dev/null; then
  gen4j_lapacke_preload="$gen4j_system_lapacke"
fi
gen4j_cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/gen4j"
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
  fi
elif [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
  # ND4J's bundled OpenBLAS (0.3.19) does not recognise recent AMD CPUs and falls back to old SSE3 kernels
  # (4x slower GEMM measured); its AVX2 kernels are the safe choice on any CPU that has AVX2.
  export OPENBLAS_CORETYPE=Haswell
fi
export GEN4J_BLAS_OPTS
