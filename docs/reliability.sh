#!/usr/bin/env bash
# Tries every class of bad input and fault in docs/reliability.md against the gen4j command line and prints the
# table: each case is one command run in a scratch folder, judged by its exit code, its standard error and, for
# inputs, whether the input file is still byte for byte what it was. Run from the checkout:
#     bash docs/reliability.sh            (about two minutes; builds the jar first if needed)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gen4j="$here/gen4j"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$gen4j" info >/dev/null 2>&1 || { echo "gen4j does not run: build it first" >&2; exit 1; }

python3 - <<'EOF'
import struct, zipfile, random
# BIF: 30 parents of 10 states; 32 binary parents (2^32 rows wrap int arithmetic)
def bif(parents, states):
    names = ", ".join("s%d" % i for i in range(states))
    text = "network n { }\n" + "".join("variable p%d { type discrete [ %d ] { %s }; }\n" % (i, states, names) for i in range(parents))
    text += "variable c { type discrete [ 2 ] { a, b }; }\n"
    text += "".join("probability ( p%d ) { table %s; }\n" % (i, ", ".join(["%.6f" % (1 / states)] * states)) for i in range(parents))
    return text + "probability ( c | " + ", ".join("p%d" % i for i in range(parents)) + " ) { table 0.5, 0.5; }\n"
open("parents30.bif", "w").write(bif(30, 10))
open("wraps.bif", "w").write(bif(32, 2))
open("garbage.bif", "w").write("network { variable ( ;;; probability }")
# IDX: no images; a header promising more than the file holds
open("empty.idx", "wb").write(struct.pack(">IIII", 0x803, 0, 28, 28))
open("short.idx", "wb").write(struct.pack(">IIII", 0x803, 60000, 28, 28) + bytes(100))
# CSV: 10,000 columns (full covariance needs ~50M terms per component); text where numbers belong; empty
random.seed(1)
with open("wide.csv", "w") as f:
    f.write(",".join("c%d" % i for i in range(10000)) + "\n")
    for _ in range(30):
        f.write(",".join("%.3f" % random.random() for _ in range(10000)) + "\n")
open("text.csv", "w").write("a,b\n1,2\nthree,4\n")
open("empty.csv", "w").write("")
open("points.csv", "w").write("a,b\n" + "".join("%.3f,%.3f\n" % (random.gauss(0, 1), random.gauss(0, 1)) for _ in range(200)))
EOF
"$gen4j" fit gmm --data points.csv -k 2 --out good.gmm >/dev/null 2>&1
python3 - <<'EOF'
import zipfile
good = zipfile.ZipFile("good.gmm")
def npy_header(shape):
    h = "{'descr': '<f8', 'fortran_order': False, 'shape': %s, }" % (shape,)
    h = h + " " * ((64 - (10 + len(h) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + len(h).to_bytes(2, "little") + h.encode()
def variant(name, replace):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for n in good.namelist():
            data = good.read(n)
            if n == "arrays/means.npy":
                data = replace(data)
            z.writestr(n, data)
variant("overread160M.gmm", lambda d: npy_header((2, 10000000)) + bytes(32))
variant("overread1M.gmm", lambda d: npy_header((2, 65536)) + bytes(32))
variant("claims68GB.gmm", lambda d: npy_header((92000, 92000)) + bytes(32))
variant("notnumpy.gmm", lambda d: b"hello")
# a zip entry that expands to 1.2 GiB of zeros (a few MB on disk), streamed in
with zipfile.ZipFile("bomb.gmm", "w", zipfile.ZIP_DEFLATED) as z:
    for n in good.namelist():
        if n != "arrays/means.npy":
            z.writestr(n, good.read(n))
    with z.open("arrays/means.npy", "w", force_zip64=True) as entry:
        entry.write(npy_header((2, 80530637)))
        block = bytes(1 << 24)
        for _ in range(77):
            entry.write(block)
raw = open("good.gmm", "rb").read()
open("truncated.gmm", "wb").write(raw[: len(raw) // 2])
# a DL4J ModelSerializer zip with a Java-serialized preprocessor
with zipfile.ZipFile("serialized-classifier.zip", "w") as z:
    z.writestr("configuration.json", "{}")
    z.writestr("coefficients.bin", b"\x00" * 16)
    z.writestr("preprocessor.bin", b"\xac\xed\x00\x05sr\x00\x13java.util.ArrayList")
EOF

# Keras HDF5: the fuzzer's two findings (the native HDF5 reader span forever on the first; jhdf, reading from a
# channel, allocated 6 GB for the second's 170 bytes) and a model cut in half
kept="$here/src/test/resources/org/gen4j/fuzz/UntrustedInputFuzzTestInputs/kerasFiles"
cp "$kept/finding-native-hdf5-hangs-on-corrupt-global-heap.h5" heap.h5
cp "$kept/finding-jhdf-allocates-claimed-header-size.h5" header.h5
cp "$kept/finding-weights-disagree-with-own-config.h5" mismatch.h5
head -c 1700000 "$here/../shared/models/dcgan_generator.h5" > half.h5 2>/dev/null || head -c 6000 "$kept/dense.h5" > half.h5

clean=0; total=0
row() {   # row CLASS EXPECT(fail|ok) COMMAND... : runs it and prints a table row
    local class="$1" expect="$2"; shift 2
    local before="" input=""
    for a in "$@"; do [ -f "$a" ] && input="$input $a"; done
    [ -n "$input" ] && before="$(sha256sum $input)"
    "$@" >out.txt 2>err.txt; local code=$?
    local lines; lines=$(grep -cv '^WARNING' err.txt)
    local outcome
    if ls hs_err_pid*.log >/dev/null 2>&1 || [ $code -ge 128 ]; then outcome="crash (exit $code)"; rm -f hs_err_pid*.log
    elif grep -q '^\s*at \|Exception in thread' err.txt; then outcome="stack trace (exit $code)"
    elif [ "$expect" = fail ] && [ $code -eq 2 ] && [ "$lines" -le 1 ]; then outcome="clean error (exit 2)"
    elif [ "$expect" = ok ] && [ $code -eq 0 ]; then outcome="correct (exit 0)"
    else outcome="other (exit $code, $lines lines)"; fi
    if [ -n "$before" ] && [ "$before" != "$(sha256sum $input)" ]; then outcome="$outcome, INPUT CHANGED"; fi
    total=$((total + 1)); case "$outcome" in "clean error (exit 2)"|"correct (exit 0)") clean=$((clean + 1));; esac
    local message; message="$(grep -v '^WARNING' err.txt | head -1 | cut -c1-110)"
    [ "$expect" = ok ] && message="$(grep -v '^WARNING' out.txt | tr '\n' ' ' | cut -c1-110)"
    printf '| %s | `%s` | %s | %s |\n' "$class" "$(echo "$*" | sed "s|$gen4j|gen4j|" | cut -c1-90)" "$outcome" "${message//|/\\|}"
}

echo "| class | command | outcome | what the user sees |"
echo "| --- | --- | --- | --- |"
row "model: npy header past the data" fail "$gen4j" sample --model overread160M.gmm --n 5
row "model: npy header past the data" fail "$gen4j" sample --model overread1M.gmm --n 5
row "model: shape claiming 68 GB" fail "$gen4j" sample --model claims68GB.gmm --n 5
row "model: entry not numpy" fail "$gen4j" score --model notnumpy.gmm --data points.csv
row "model: zip bomb (1.2 GiB entry)" fail "$gen4j" sample --model bomb.gmm --n 5
row "model: truncated file" fail "$gen4j" sample --model truncated.gmm --n 5
row "model: not a model" fail "$gen4j" sample --model points.csv --n 5
row "model: missing file" fail "$gen4j" sample --model nothing.gmm --n 5
row "classifier: Java-serialized content" fail "$gen4j" eval --model "$here/models/dcgan-digits.gen4j" --data digits --classifier serialized-classifier.zip
row "BIF: 30 parents of 10 states" fail "$gen4j" infer --model parents30.bif --query c
row "BIF: 2^32 parent rows" fail "$gen4j" infer --model wraps.bif --query c
row "BIF: garbage" fail "$gen4j" infer --model garbage.bif --query c
row "IDX: no images" fail "$gen4j" fit vae --data empty.idx --epochs 1 --out v.gen4j
row "IDX: header past the data" fail "$gen4j" fit vae --data short.idx --epochs 1 --out v.gen4j
row "CSV: 10,000 columns, full covariance" fail "$gen4j" fit gmm --data wide.csv -k 2 --covariance full --out w.gmm
row "CSV: text in a number column" fail "$gen4j" fit gmm --data text.csv -k 1 --out t.gmm
row "CSV: empty file" fail "$gen4j" fit gmm --data empty.csv -k 1 --out e.gmm
row "size: 2e9 samples (GMM)" fail "$gen4j" sample --model good.gmm --n 2000000000 --out s.csv
row "size: 2e9 samples (Bayesian network)" fail "$gen4j" sample --model asia --n 2000000000 --out s.csv
row "data loss: --out is the data" fail "$gen4j" fit gmm --data points.csv -k 1 --out points.csv
row "data loss: --out is the model" fail "$gen4j" score --model good.gmm --data points.csv --out good.gmm
row "data loss: --out is the model" fail "$gen4j" sample --model good.gmm --n 3 --out good.gmm
row "data loss: --out is the data, via ./" fail "$gen4j" score --model good.gmm --data points.csv --out ./points.csv
row "Keras: corrupt global heap" fail "$gen4j" import --keras heap.h5 --out k.gen4j
row "Keras: header claiming 6 GB" fail "$gen4j" import --keras header.h5 --out k.gen4j
row "Keras: truncated model" fail "$gen4j" import --keras half.h5 --out k.gen4j
row "Keras: weights unlike the layers" fail "$gen4j" import --keras mismatch.h5 --out k.gen4j
row "silent wrong answer: Gibbs on asia" ok "$gen4j" infer --model asia --query lung --evidence xray=yes,smoke=yes --method gibbs --json
echo
echo "$clean of $total clean or correct; exact answer for the last row: lung = yes 0.645991"
