# Sourced by the benchmark scripts: gen4j_java runs java with the native settings of the gen4j launcher
# (src/main/sh/native-env.sh: thread waiting, the system OpenBLAS when one is installed, the SIMD kernels) in a subshell, so
# that the peers run after it keep their libraries' own defaults.
gen4j_java() {
  ( . src/main/sh/native-env.sh; gen4j_run_java $GEN4J_BLAS_OPTS $GEN4J_SIMD_OPTS "$@" )
}
