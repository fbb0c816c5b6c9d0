# A class-data archive for fast start-up, sourced by the gen4j launcher after native-env.sh. A JVM that maps an
# archive of the classes a command loads starts in about half the time (info 1.3 s -> 0.75 s, fit gmm on faithful
# 2.2 s -> 1.05 s; benchmarks/RESULTS.md). The archive belongs to one build of the jar, one java and one set of
# JVM options, so its name carries all three; it is made once (org.gen4j.cli.ClassArchiveWarmup runs small
# versions of the common commands, -XX:ArchiveClassesAtExit writes what they loaded) and older ones are removed.
# Sets GEN4J_CDS_OPTS (empty when there is no archive). GEN4J_CDS=off does without.
GEN4J_CDS_OPTS=""
GEN4J_CDS_ARCHIVE=""
gen4j_class_archive() {   # $1: the class path (jars only: the launcher's gen4j.jar); the JVM options follow
  local cp="$1" java where build archive entries stamps old
  shift
  [ "${GEN4J_CDS:-on}" = off ] && return 0
  java="$(readlink -f "$(command -v java)" 2>/dev/null)" || return 0
  IFS=: read -ra entries <<< "$cp"
  stamps="$(stat -c '%n %s %Y' "${entries[@]}" "$java" 2>/dev/null)" || return 0
  where="$(printf '%s\n' "$cp" | cksum | cut -d' ' -f1)"           # one checkout's archives do not touch another's
  build="$(printf '%s\n' "$stamps" | cksum | cut -d' ' -f1)"
  archive="$gen4j_cache/classes-$where-$build-$(printf '%s\n' "$*" | cksum | cut -d' ' -f1).jsa"
  if [ ! -f "$archive" ]; then
    mkdir -p "$gen4j_cache" 2>/dev/null || return 0
    echo "gen4j: preparing a class-data archive for a fast start (once per build, a few seconds)..." >&2
    for old in "$gen4j_cache/classes-$where-"*.jsa; do         # this checkout's older builds (other options keep theirs)
      case "$old" in "$gen4j_cache/classes-$where-$build-"*) ;; *) rm -f "$old" ;; esac
    done
    # kept only once a JVM has started from it: a cut-short archive would crash every JVM that maps it (SIGABRT)
    if java "$@" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit="$archive.$$" -cp "$cp" \
        org.gen4j.cli.ClassArchiveWarmup </dev/null >/dev/null 2>&1 && [ -s "$archive.$$" ] \
        && java "$@" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedArchiveFile="$archive.$$" -cp "$cp" \
        org.gen4j.cli.Gen4j --version </dev/null >/dev/null 2>&1; then
      mv -f "$archive.$$" "$archive"
    else
      rm -f "$archive.$$"
      return 0
    fi
  fi
  GEN4J_CDS_ARCHIVE="$archive"
  GEN4J_CDS_OPTS="-Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedArchiveFile=$archive"
}

# A JVM that aborts (exit 134) may have mapped a damaged archive: it goes, and the next run makes it anew.
gen4j_after_java() {   # $1: java's exit status
  if [ "$1" = 134 ] && [ -n "$GEN4J_CDS_ARCHIVE" ]; then
    rm -f "$GEN4J_CDS_ARCHIVE"
    echo "gen4j: the JVM aborted; the class-data archive is removed in case it was damaged (the next run makes it anew)" >&2
  fi
}
