"""The speed reference of the GAN issue: the plain MLP GAN in PyTorch, timed per Fashion-MNIST epoch.

BENCHMARKS.md compares `qsan gan train --attention none` with this script run on the same machine in the same session.
It builds the network QSan's GAN has without attention (G 64 → 256 → 512 → 784 with LeakyReLU 0.2 and a sigmoid,
D 784 → 512 → 256 (+ the minibatch standard deviation) → 1), the same steps (one discriminator step on real images
and detached fakes, one non-saturating generator step, Adam lr 1e-3, β = (0.5, 0.999), batch 64), and times the
minibatch steps only, in float32 (PyTorch's default) and float64 (QSan's precision).

Usage (Debian 12: apt install python3-torch libopenblas0-pthread — PyTorch 1.13.1 on OpenBLAS; without the second
package Debian's torch runs on the reference BLAS, about ten times slower):
    /usr/bin/python3 reference/pytorch_mlp_gan.py [--images 6400] [--threads 2] [--folder /usr/share/datasets/fashion-mnist]
"""
import argparse
import gzip
import os
import struct
import time

import numpy as np
import torch
from torch import nn


def read_images(folder):
    with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz"), "rb") as f:
        magic, count, rows, columns = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            raise SystemExit(f"{folder}: not an idx image file (magic {magic})")
        pixels = np.frombuffer(f.read(count * rows * columns), dtype=np.uint8)
    return pixels.reshape(count, rows * columns).astype(np.float64) / 255.0


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(64, 256), nn.LeakyReLU(0.2), nn.Linear(256, 512), nn.LeakyReLU(0.2), nn.Linear(512, 784), nn.Sigmoid())

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2))
        self.head = nn.Linear(257, 1)

    def forward(self, x):
        h = self.body(x)
        std = torch.sqrt(h.var(dim=0, unbiased=False) + 1e-8).mean()
        return self.head(torch.cat([h, std.expand(h.shape[0], 1)], dim=1))


def epoch_seconds(images, dtype, batch=64):
    torch.manual_seed(1)
    g, d = Generator().to(dtype), Discriminator().to(dtype)
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-3, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=1e-3, betas=(0.5, 0.999))
    loss = nn.BCEWithLogitsLoss()
    data = torch.from_numpy(images).to(dtype)
    order = torch.randperm(len(data))
    start = time.perf_counter()
    for b in range(0, len(data), batch):
        real = data[order[b:b + batch]]
        n = len(real)
        with torch.no_grad():
            fake = g(torch.randn(n, 64, dtype=dtype))
        d_loss = loss(d(real), torch.ones(n, 1, dtype=dtype)) + loss(d(fake), torch.zeros(n, 1, dtype=dtype))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        for p in d.parameters():
            p.requires_grad_(False)
        g_loss = loss(d(g(torch.randn(n, 64, dtype=dtype))), torch.ones(n, 1, dtype=dtype))
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        for p in d.parameters():
            p.requires_grad_(True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=6400, help="training images per timed pass (60,000 is a whole epoch)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--folder", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    images = read_images(args.folder)[: args.images]
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, {len(images)} images of batch 64")
    for dtype in (torch.float32, torch.float64):
        epoch_seconds(images[:640], dtype)  # warm-up
        seconds = epoch_seconds(images, dtype)
        print(f"{str(dtype):14s} {seconds:7.2f} s for {len(images)} images; a 60,000-image epoch: {seconds * 60000 / len(images):6.1f} s")


if __name__ == "__main__":
    main()
