#!/usr/bin/env bash
# The CUDA path, checkable in one command on a machine with an NVIDIA GPU (driver for CUDA 11.6 or newer):
#   bash benchmarks/gpu/run.sh            # cuDNN: CUDA_CLASSIFIER=linux-x86_64-cudnn bash benchmarks/gpu/run.sh
# Builds gen4j with both backends (-Pcuda,cpu) in a clone of this checkout (target/gpu-build), then
#   1. prints the backend ND4J chose (`gen4j info`: CUDA, or "fell back to the CPU" when no GPU answers);
#   2. runs CudaFallbackTest there (the fall-back is fenced, the README's first fit is right on this backend);
#   3. trains the same VAEs (MLP, conv) and a DCGAN from the same seed with this checkout's CPU build and with the
#      GPU build, and prints both losses per epoch, their largest relative difference and the epochs per second.
# float32 kernels differ between CPU and GPU, so the losses agree to rounding that training amplifies, not to the bit:
# "agree" means within 1 % (VAE) and 5 % (GAN, whose adversarial steps amplify rounding most).
# Without a GPU it still runs and shows the fall-back; results go to benchmarks/out/gpu/.
set -euo pipefail
cd "$(dirname "$0")/../.."
here="$PWD"
out="$here/benchmarks/out/gpu"
build="$here/target/gpu-build"
mkdir -p "$out"
rm -rf "$build"
git clone -q "$here" "$build"
classifier="${CUDA_CLASSIFIER:-linux-x86_64}"
(cd "$build" && mvn -q -B -Pcuda,cpu -Dcuda.classifier="$classifier" -DskipTests package)
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package

echo "== backend of the GPU build"
(cd "$build" && ./gen4j info) | grep -E "^(backend|blas|threads)" | tee "$out/info.txt"

echo "== CudaFallbackTest in the GPU build"
(cd "$build" && mvn -q -B -Pcuda,cpu -Dcuda.classifier="$classifier" test -Dtest=CudaFallbackTest \
  -Dsurefire.failIfNoSpecifiedTests=false >"$out/fallback-test.log" 2>&1) \
  && grep -h "Tests run" "$build"/target/surefire-reports/*CudaFallbackTest.txt \
  || { echo "CudaFallbackTest failed: $out/fallback-test.log"; exit 1; }

# name, tolerance, then the command's arguments
workloads=(
  "vae-mlp 0.01 fit vae --data mnist --limit 8000 --epochs 3 --seed 1 --json"
  "vae-conv 0.01 fit vae --data mnist --arch conv --limit 4000 --epochs 2 --seed 1 --json"
  "dcgan 0.05 fit gan --data mnist --arch dcgan --limit 4000 --epochs 2 --seed 1 --json"
)
for workload in "${workloads[@]}"; do
  read -r name tolerance args <<<"$workload"
  ./gen4j $args --out "$out/$name-cpu.gen4j" >"$out/$name-cpu.json"
  (cd "$build" && ./gen4j $args --out "$out/$name-gpu.gen4j") >"$out/$name-gpu.json"
  /usr/bin/python3 - "$name" "$tolerance" "$out/$name-cpu.json" "$out/$name-gpu.json" <<'PY'
import json, sys
name, tolerance = sys.argv[1], float(sys.argv[2])
cpu, gpu = (json.load(open(p)) for p in sys.argv[3:5])
worst = 0.0
for key in ("trainLoss", "testElbo", "discriminatorLoss", "generatorLoss"):
    if key in cpu:
        for a, b in zip(cpu[key], gpu[key]):
            worst = max(worst, abs(a - b) / max(abs(a), 1e-12))
        print(f"  {name:9s} {key:18s} cpu {['%.4f' % v for v in cpu[key]]}  gpu {['%.4f' % v for v in gpu[key]]}")
rate = lambda s: s["epochs"] / s["fitSeconds"]
print(f"  {name:9s} largest relative difference {worst:.2e} ({'agree' if worst <= tolerance else 'DIFFER'}); "
      f"epochs/s cpu {rate(cpu):.3f}, gpu build {rate(gpu):.3f} ({rate(gpu) / rate(cpu):.2f}x)")
PY
done
