"""PyTorch side of the DCGAN benchmark (design row 5): the same nets, loss and schedule as Gen4jGanBenchmark.java
(non-saturating GAN loss on logits, Adam 2e-4 beta1 0.5, batch 64), 2 CPU threads. WARMUP untimed epochs (default 1),
then the median seconds per iteration over EPOCHS epochs. /usr/bin/python3 benchmarks/gan/torch_dcgan.py [EPOCHS] [WARMUP]"""
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
        self.dense = nn.Sequential(nn.Linear(latent, 128), nn.ReLU(), nn.Linear(128, 7 * 7 * 64), nn.BatchNorm1d(7 * 7 * 64), nn.ReLU())
        self.up = nn.Sequential(nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.BatchNorm2d(32), nn.ReLU(),
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


def main():
    torch.set_num_threads(2)
    torch.manual_seed(1)
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    data = torch.from_numpy(images("datasets/mnist/train-images-idx3-ubyte.gz"))
    g, d = Generator(), Discriminator()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    per_iteration, last_d, last_g = [], 0.0, 0.0
    for epoch in range(warmup + epochs):
        start, iterations = time.perf_counter(), 0
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
            last_d, last_g = loss_d.item(), loss_g.item()
        if epoch >= warmup:
            per_iteration.append((time.perf_counter() - start) / iterations)
    print(json.dumps({"workload": "dcgan-mnist", "implementation": "pytorch " + torch.__version__.split("+")[0],
                      "secondsPerIteration": round(float(np.median(per_iteration)), 5), "warmupEpochs": warmup,
                      "finalDiscriminatorLoss": round(last_d, 4), "finalGeneratorLoss": round(last_g, 4)}))


if __name__ == "__main__":
    main()
