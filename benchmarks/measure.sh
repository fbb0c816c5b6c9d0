# measure NAME COMMAND...: whole-process wall time as a user meets it: one untimed run, then $repeats timed runs;
# prints one JSON line with every time, the median, min and max. Needs $repeats and a scratch folder $out.
measure() {
  local name="$1" times=()
  shift
  "$@" >/dev/null 2>&1
  for _ in $(seq "$repeats"); do
    /usr/bin/time -f '%e' -o "$out/time" "$@" >/dev/null 2>&1
    times+=("$(tail -1 "$out/time")")
  done
  /usr/bin/python3 -c "
import json, statistics, sys
t = [float(v) for v in sys.argv[2:]]
print(json.dumps({'command': sys.argv[1], 'seconds': t, 'median': statistics.median(t), 'min': min(t), 'max': max(t)}))
" "$name" "${times[@]}"
}
