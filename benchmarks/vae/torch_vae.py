"""PyTorch side of the VAE benchmark (design row 4): the same MLP VAE as Gen4jVaeBenchmark.java (784-400-20 or
64-400-20, ReLU, Bernoulli logits, KL in closed form, loss = mean negative ELBO per sample), Adam 1e-3, batch 128,
shuffled each epoch, 2 CPU threads. It starts from the initial parameters Gen4jVaeBenchmark.java wrote to
SHARED_DIR/WORKLOAD and reports the largest difference from gen4j's forward pass from them. The first epoch is the
cold figure; after WARMUP epochs (default 1), the median (min, max) of EPOCHS timed epochs. One JSON line per workload.
/usr/bin/python3 benchmarks/vae/torch_vae.py [EPOCHS] [WARMUP] [SHARED_DIR]

Quality mode (quality MNIST_EPOCHS DIGITS_EPOCHS SEEDS): trains on the first 80 % of the rows and reports the test
ELBO (10 draws per row) and the importance-weighted log p(x) (K = 64) of the last 20 %, per seed, as
Gen4jVaeBenchmark.java quality does."""
import gzip
import json
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def idx_images(path):
    with gzip.open(path) as f:
        magic, n, h, w = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(n, h * w).astype(np.float32) / 255.0


def digits():
    rows = np.loadtxt(gzip.open("datasets/digits.csv.gz"), delimiter=",")
    return (rows[:, :64] / 16.0).astype(np.float32)


class Vae(nn.Module):
    def __init__(self, d, hidden=400, latent=20):
        super().__init__()
        self.enc = nn.Linear(d, hidden)
        self.z_params = nn.Linear(hidden, 2 * latent)
        self.dec = nn.Linear(latent, hidden)
        self.out = nn.Linear(hidden, d)
        self.latent = latent

    def bounds(self, x, samples):
        """[samples, n] log p(x|z) + log p(z) - log q(z|x) for z ~ q(z|x)."""
        params = self.z_params(F.relu(self.enc(x)))
        mu, logvar = params[:, :self.latent], params[:, self.latent:]
        eps = torch.randn(samples, *mu.shape)
        z = mu + torch.exp(0.5 * logvar) * eps
        logits = self.out(F.relu(self.dec(z)))
        log_px = -F.binary_cross_entropy_with_logits(logits, x.expand_as(logits), reduction="none").sum(-1)
        log_pz = -0.5 * (z.pow(2) + np.log(2 * np.pi)).sum(-1)
        log_qz = -0.5 * (eps.pow(2) + logvar + np.log(2 * np.pi)).sum(-1)
        return log_px + log_pz - log_qz

    def forward(self, x):
        params = self.z_params(F.relu(self.enc(x)))
        mu, logvar = params[:, :self.latent], params[:, self.latent:]
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        logits = self.out(F.relu(self.dec(z)))
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
        kl = 0.5 * (mu.pow(2) + logvar.exp() - logvar - 1).sum(1)
        return (recon + kl).mean()


def load_shared(model, shared, first):
    """gen4j's initial parameters (DL4J dense weights are [in, out], PyTorch's [out, in]); returns the largest
    difference from gen4j's forward pass from them: encoder mean and variance of the first 64 rows, decoder means."""
    layers = {"enc0": model.enc, "zParams": model.z_params, "dec0": model.dec, "decOut": model.out}
    with torch.no_grad():
        for name, layer in layers.items():
            layer.weight.copy_(torch.from_numpy(np.load(f"{shared}/{name}_W.npy")).T)
            layer.bias.copy_(torch.from_numpy(np.load(f"{shared}/{name}_b.npy")).reshape(-1))
        params = model.z_params(F.relu(model.enc(first)))
        mean, variance = params[:, :model.latent], params[:, model.latent:].exp()
        decoded = torch.sigmoid(model.out(F.relu(model.dec(mean))))
        return max(float(np.abs(mine.numpy() - np.load(f"{shared}/check-{what}.npy")).max())
                   for what, mine in [("mean", mean), ("variance", variance), ("decoded", decoded)])


def dl4j_count(model):
    return sum(p.numel() for p in model.parameters())


def run(name, x, epochs, warmup, shared):
    """The policy of every row: the first epoch is the cold figure; the median (min, max) of the timed epochs after WARMUP."""
    torch.manual_seed(1)
    data = torch.from_numpy(x)
    model = Vae(x.shape[1])
    difference = load_shared(model, shared, data[:64])
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    times, last = [], float("nan")
    for epoch in range(warmup + epochs):
        start = time.perf_counter()
        order = torch.randperm(len(data))
        total = 0.0
        for i in range(0, len(data), 128):
            batch = data[order[i:i + 128]]
            loss = model(batch)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(batch)
        times.append(time.perf_counter() - start)
        last = total / len(data)
    warm = times[warmup:]
    print(json.dumps({"workload": name, "implementation": "pytorch " + torch.__version__.split("+")[0],
                      "threads": torch.get_num_threads(), "rows": len(x), "parameters": dl4j_count(model),
                      "warmupEpochs": warmup, "epochs": epochs, "coldSecondsPerEpoch": round(times[0], 4),
                      "secondsPerEpoch": round(float(np.median(warm)), 4), "minSecondsPerEpoch": round(min(warm), 4),
                      "maxSecondsPerEpoch": round(max(warm), 4), "lastEpochTrainLoss": round(last, 4),
                      "startsFromGen4jParameters": True, "forwardPassMaxAbsDifference": difference}), flush=True)


def quality(name, x, epochs, seeds):
    """The first 80 % of the rows (in file order) train, the rest test, as on the gen4j side."""
    cut = len(x) * 8 // 10
    train, test = torch.from_numpy(x[:cut]), torch.from_numpy(x[cut:])
    for seed in range(1, seeds + 1):
        torch.manual_seed(seed)
        model = Vae(x.shape[1])
        optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
        for _ in range(epochs):
            order = torch.randperm(len(train))
            for i in range(0, len(train), 128):
                loss = model(train[order[i:i + 128]])
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
        with torch.no_grad():
            torch.manual_seed(7)
            # the ELBO as gen4j estimates it: log p(x|z) + log p(z) - log q(z|x) averaged over 10 draws
            elbo = model.bounds(test, 10).mean().item()
            weights = model.bounds(test, 64)
            iwae = (torch.logsumexp(weights, 0) - np.log(64)).mean().item()
        print(json.dumps({"workload": name, "implementation": "pytorch " + torch.__version__.split("+")[0],
                          "seed": seed, "epochs": epochs, "trainRows": len(train), "testRows": len(test),
                          "testElbo": round(elbo, 4), "testLogProb": round(iwae, 4)}))


if __name__ == "__main__":
    torch.set_num_threads(2)
    if len(sys.argv) > 1 and sys.argv[1] == "quality":
        quality("mnist", idx_images("datasets/mnist/train-images-idx3-ubyte.gz"), int(sys.argv[2]), int(sys.argv[4]))
        quality("digits", digits(), int(sys.argv[3]), int(sys.argv[4]))
        sys.exit(0)
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    shared = sys.argv[3] if len(sys.argv) > 3 else "benchmarks/out/vae"
    run("mnist", idx_images("datasets/mnist/train-images-idx3-ubyte.gz"), epochs, warmup, f"{shared}/mnist")
    run("digits", digits(), epochs, warmup, f"{shared}/digits")
