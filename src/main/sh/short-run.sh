# Sourced by the gen4j launcher: JVM options for runs that are short on any machine.
#
# A run that only reports (info, help), one exact query on a small network, or a classical model fitted to, scored
# on or sampled from a small table takes about a second, and for most of it the JVM's optimising compiler (C2) keeps
# a 2-core machine's cores busy compiling code the run has nearly finished with. Such runs start on the quick
# compiler alone (-XX:TieredStopAtLevel=1). Without C2 the vector API runs as slow plain Java, so numeric runs also
# turn the SIMD kernels off (-Dgen4j.simd=false): ND4J's native operations do their work at full speed either way.
# Measured on the 2-core machine (benchmarks/RESULTS.md, 2026-12-08): fit gmm on faithful 1.84 -> 1.23 s, infer on
# asia 1.57 -> 1.06 s, score 1.40 -> 0.84 s, sample 1.18 -> 0.80 s, learn on asia's 128 KB of cases 1.49 -> 1.15 s;
# a mixture fit on 100,000 x 16 rows (15 MB) was no slower this way, so the limits below are far from where C2 and
# the kernels start to pay. Long runs (networks' training, HMM fits, Spark, query batches, sampling-based inference)
# keep C2.
#
# GEN4J_QUICK_START=off never uses these options; =on always does.

gen4j_quick_data_limit=$((1024 * 1024))     # bytes of a CSV (a gzip file counts five times its size)
gen4j_quick_model_limit=$((64 * 1024))      # bytes of a network file to query
gen4j_quick_cases_limit=$((256 * 1024))     # bytes of cases to fit or learn a network from (search runs in Java)
gen4j_quick_saved_model_limit=$((1024 * 1024))   # bytes of a saved model to score or sample from
gen4j_quick_samples_limit=100000            # samples to draw
gen4j_quick_report_opts="-XX:TieredStopAtLevel=1"
gen4j_quick_numeric_opts="-XX:TieredStopAtLevel=1 -Dgen4j.simd=false"

# Sets GEN4J_QUICK_OPTS for the command line that follows the launcher's folder.
gen4j_quick_start() {
  local here="$1"
  shift
  GEN4J_QUICK_OPTS=""
  case "${GEN4J_QUICK_START:-auto}" in
    off) return ;;
    on) GEN4J_QUICK_OPTS="$gen4j_quick_numeric_opts"; return ;;
  esac
  local arg
  for arg in "$@"; do
    case "$arg" in --help|-h) GEN4J_QUICK_OPTS="$gen4j_quick_report_opts"; return ;; esac
  done
  case "${1:-}" in
    ""|info|help|--help|-h|--version|-V)
      GEN4J_QUICK_OPTS="$gen4j_quick_report_opts" ;;   # info reports the SIMD kernels, so they stay as configured
    infer)
      gen4j_short_query "$here" "$@" && GEN4J_QUICK_OPTS="$gen4j_quick_numeric_opts" ;;
    fit)
      case "${2:-}" in
        gmm) gen4j_small_table "$here" "$gen4j_quick_data_limit" "$@" && GEN4J_QUICK_OPTS="$gen4j_quick_numeric_opts" ;;
        bn) gen4j_small_table "$here" "$gen4j_quick_cases_limit" "$@" && GEN4J_QUICK_OPTS="$gen4j_quick_numeric_opts" ;;
      esac ;;
    learn)
      gen4j_small_table "$here" "$gen4j_quick_cases_limit" "$@" && GEN4J_QUICK_OPTS="$gen4j_quick_numeric_opts" ;;
    score)
      ! gen4j_has_option --iw-samples "$@" && gen4j_small_model "$@" \
        && gen4j_small_table "$here" "$gen4j_quick_data_limit" "$@" && GEN4J_QUICK_OPTS="$gen4j_quick_numeric_opts" ;;
    sample)
      local n
      n="$(gen4j_option_value -n "$@")"
      [ -z "$n" ] && n="$(gen4j_option_value --n "$@")"
      case "$n" in ""|*[!0-9]*) n=$((gen4j_quick_samples_limit + 1)) ;; esac
      [ "${#n}" -le 9 ] && [ "$n" -le "$gen4j_quick_samples_limit" ] && gen4j_small_model "$@" \
        && GEN4J_QUICK_OPTS="$gen4j_quick_numeric_opts" ;;
  esac
  return 0
}

# The value of option $1 in the rest of the arguments ("--opt value" or "--opt=value"); empty when absent.
gen4j_option_value() {
  local name="$1" previous="" arg
  shift
  for arg in "$@"; do
    [ "$previous" = "$name" ] && { printf '%s' "$arg"; return; }
    case "$arg" in "$name="*) printf '%s' "${arg#"$name="}"; return ;; esac
    previous="$arg"
  done
}

gen4j_has_option() {   # $1: the option, then the arguments
  local name="$1" arg
  shift
  for arg in "$@"; do
    case "$arg" in "$name"|"$name="*) return 0 ;; esac
  done
  return 1
}

# One exact query (variable elimination or a junction tree) on a bundled network or a plain network file of at most
# gen4j_quick_model_limit bytes.
gen4j_short_query() {
  local here="$1"
  shift
  gen4j_has_option --queries "$@" && return 1
  case "$(gen4j_option_value --method "$@")" in ""|exact|jt) ;; *) return 1 ;; esac
  local model
  model="$(gen4j_option_value --model "$@")"
  [ -n "$model" ] || return 1
  if [ -f "$model" ]; then
    case "$model" in *.gz) return 1 ;; esac
    [ "$(stat -c %s "$model" 2>/dev/null || echo "$gen4j_quick_model_limit")" -le "$gen4j_quick_model_limit" ]
    return
  fi
  [ -f "$here/datasets/bn/$model.bif" ]
}

# On this machine (no Spark), a CSV file or bundled table (--data) of at most $2 bytes.
gen4j_small_table() {
  local here="$1" limit="$2"
  shift 2
  gen4j_has_option --spark "$@" && return 1
  local data file size
  data="$(gen4j_option_value --data "$@")"
  [ -n "$data" ] || return 1
  for file in "$data" "$here/datasets/$data.csv" "$here/datasets/$data.csv.gz"; do
    [ -f "$file" ] || continue
    size="$(stat -c %s "$file" 2>/dev/null)" || return 1
    case "$file" in *.gz) size=$((5 * size)) ;; esac
    [ "$size" -le "$limit" ]
    return
  done
  return 1
}

# A saved model file (--model) of at most gen4j_quick_saved_model_limit bytes.
gen4j_small_model() {
  local model size
  model="$(gen4j_option_value --model "$@")"
  [ -f "$model" ] || return 1
  size="$(stat -c %s "$model" 2>/dev/null)" || return 1
  [ "$size" -le "$gen4j_quick_saved_model_limit" ]
}
