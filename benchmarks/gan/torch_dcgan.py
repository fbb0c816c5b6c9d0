"""PyTorch side of the DCGAN benchmark (design row 5): the same nets, loss and schedule as Gen4jGanBenchmark.java
(non-saturating GAN loss on logits, Adam 2e-4 beta1 0.5, batch 64), 2 CPU threads. WARMUP epochs (default 1; the
first one's time is the cold figure), then the median (min, max) seconds per iteration over EPOCHS epochs, as on
the gen4j side. The generator is gen4j's layer for layer: no ReLU after its two batch norms (gen4j's DCGAN has none;
the standard DCGAN has them). Parameters are counted as DL4J counts them (batch norm's running mean and variance
included), and the losses are the last epoch's means on both sides. It starts from the initial parameters
Gen4jGanBenchmark.java wrote to SHARED_DIR and reports the largest difference from gen4j's forward pass from them.
/usr/bin/python3 benchmarks/gan/torch_dcgan.py [EPOCHS] [WARMUP] [SHARED_DIR]"""
import gzip
import json
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def images(path):
    with gzip.open(path) as f:
        magic, n, h, w = struct.unpack(">IIII", f.read(16))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(n, 1, h, w).astype(np.float32) / 255.0


class Generator(nn.Module):
    def __init__(self, latent=32):
        super().__init__()
        self.dense = nn.Sequential(nn.Linear(latent, 128), nn.ReLU(), nn.Linear(128, 7 * 7 * 64), nn.BatchNorm1d(7 * 7 * 64))
        self.up = nn.Sequential(nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.BatchNorm2d(32),
                                nn.ConvTranspose2d(32, 1, 4, 2, 1), nn.Sigmoid())

    def forward(self, z):
        return self.up(self.dense(z).view(-1, 64, 7, 7))


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        return self.net(x)


def load_shared(g, d, shared):
    """gen4j's initial parameters: DL4J's dense weights are [in, out] (PyTorch's [out, in]); its convolution and
    transposed-convolution weights have PyTorch's layouts; batch norm keeps log10 of the standard deviation."""
    def array(name):
        return torch.from_numpy(np.load(f"{shared}/{name}.npy"))

    with torch.no_grad():
        for layer, name in [(g.dense[0], "g0"), (g.dense[2], "gGrid"), (d.net[5], "dOut")]:
            layer.weight.copy_(array(name + "_W").T)
            layer.bias.copy_(array(name + "_b").reshape(-1))
        for layer, name in [(g.up[0], "gConv1"), (g.up[2], "gOut"), (d.net[0], "dConv0"), (d.net[2], "dConv1")]:
            layer.weight.copy_(array(name + "_W"))
            layer.bias.copy_(array(name + "_b").reshape(-1))
        for norm, name in [(g.dense[3], "gGridNorm"), (g.up[1], "gConv1Norm")]:
            norm.weight.copy_(array(name + "_gamma").reshape(-1))
            norm.bias.copy_(array(name + "_beta").reshape(-1))
            norm.running_mean.copy_(array(name + "_mean").reshape(-1))
            norm.running_var.copy_(10 ** (2 * array(name + "_log10stdev").reshape(-1)) - norm.eps)


def forward_difference(g, d, shared, real):
    """The largest difference from gen4j's pass from the same parameters: the generator's images for its 64 latent
    draws (batch norm on the batch's statistics, as in training) and the discriminator's logits for 64 real images."""
    with torch.no_grad():
        generated = g(torch.from_numpy(np.load(f"{shared}/check-z.npy"))).numpy()
        logits = d(real).numpy()
    return max(float(np.abs(generated - np.load(f"{shared}/check-generated.npy")).max()),
               float(np.abs(logits - np.load(f"{shared}/check-logits.npy")).max()))


def main():
    torch.set_num_threads(2)
    torch.manual_seed(1)
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    shared = sys.argv[3] if len(sys.argv) > 3 else "benchmarks/out/gan"
    data = torch.from_numpy(images("datasets/mnist/train-images-idx3-ubyte.gz"))
    g, d = Generator(), Discriminator()
    load_shared(g, d, shared)
    difference = forward_difference(g, d, shared, data[:64])
    load_shared(g, d, shared)              # the check moved batch norm's running statistics: start where gen4j starts
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    per_iteration, cold = [], None
    for epoch in range(warmup + epochs):
        start, iterations, sum_d, sum_g = time.perf_counter(), 0, 0.0, 0.0
        order = torch.randperm(len(data))
        for i in range(0, len(data), 64):
            real = data[order[i:i + 64]]
            b = len(real)
            fake = g(torch.randn(b, 32)).detach()
            logits = d(torch.cat([real, fake]))
            targets = torch.cat([torch.ones(b, 1), torch.zeros(b, 1)])
            loss_d = F.binary_cross_entropy_with_logits(logits, targets)
            opt_d.zero_grad()
            loss_d.backward()
            opt_d.step()
            loss_g = F.binary_cross_entropy_with_logits(d(g(torch.randn(b, 32))), torch.ones(b, 1))
            opt_g.zero_grad()
            loss_g.backward()
            opt_g.step()
            iterations += 1
            sum_d, sum_g = sum_d + loss_d.item(), sum_g + loss_g.item()
        seconds = (time.perf_counter() - start) / iterations
        cold = seconds if cold is None else cold
        if epoch >= warmup:
            per_iteration.append(seconds)
    print(json.dumps({"workload": "dcgan-mnist", "implementation": "pytorch " + torch.__version__.split("+")[0],
                      "threads": torch.get_num_threads(), "warmupEpochs": warmup, "epochs": epochs,
                      "coldSecondsPerIteration": round(cold, 5), "secondsPerIteration": round(float(np.median(per_iteration)), 5),
                      "minSecondsPerIteration": round(min(per_iteration), 5), "maxSecondsPerIteration": round(max(per_iteration), 5),
                      "generatorParameters": dl4j_count(g), "discriminatorParameters": dl4j_count(d),
                      "lastEpochDiscriminatorLoss": round(sum_d / iterations, 4), "lastEpochGeneratorLoss": round(sum_g / iterations, 4),
                      "startsFromGen4jParameters": True, "forwardPassMaxAbsDifference": difference}), flush=True)


def dl4j_count(net):
    """Parameters as DL4J counts them: the trainable ones and batch norm's running mean and variance."""
    running = sum(b.numel() for name, b in net.named_buffers() if name.endswith(("running_mean", "running_var")))
    return sum(p.numel() for p in net.parameters()) + running


if __name__ == "__main__":
    main()
