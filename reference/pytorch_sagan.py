"""The speed reference of the convolutional GAN: QSan's no-attention GAN in PyTorch, timed per training step.

BENCHMARKS.md compares `qsan gan train --attention none` (TorchSharp, LibTorch 2.10) with this script (Debian 12's
PyTorch 1.13 on OpenBLAS) on the same machine, alternated in one session. It builds the network QSan's GAN has without
attention for 28×28 images and base width c (host/QSan.Torch/Generative/GanNetworks.cs):

  G: z (64) → linear → [2c, 7, 7] → batch norm, ReLU → 4×4 stride-2 transposed convolution → [c, 14, 14] → batch norm,
     ReLU → 4×4 stride-2 transposed convolution → [1, 28, 28] → (tanh + 1) / 2
  D: x → 2x − 1 → 4×4 stride-2 convolution → [c, 14, 14] → LeakyReLU 0.1 → 4×4 stride-2 convolution → [2c, 7, 7]
     → LeakyReLU 0.1 → linear → 1, every layer with torch.nn.utils.spectral_norm (one power iteration per forward pass)

and the same steps (one discriminator step on real images and detached fakes in one forward pass, one generator step
on fresh noise through a discriminator whose weights take no gradient; hinge loss; Adam lr 4e-4, β = (0, 0.9), batch
64), and times the minibatch steps only, in float32 as QSan does.

Usage (Debian 12: apt install python3-torch libopenblas0-pthread dataset-fashion-mnist; without libopenblas0-pthread
Debian's torch runs on the reference BLAS, about ten times slower):
    /usr/bin/python3 reference/pytorch_sagan.py [--images 6400] [--threads 2] [--channels 32] [--folder /usr/share/datasets/fashion-mnist]
"""
import argparse
import gzip
import os
import struct
import time

import numpy as np
import torch
from torch import nn
from torch.nn.utils import spectral_norm


def read_images(folder):
    with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz"), "rb") as f:
        magic, count, rows, columns = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            raise SystemExit(f"{folder}: not an idx image file (magic {magic})")
        pixels = np.frombuffer(f.read(count * rows * columns), dtype=np.uint8)
    return pixels.reshape(count, 1, rows, columns).astype(np.float32) / 255.0


class Generator(nn.Module):
    def __init__(self, c, latent=64):
        super().__init__()
        self.c = c
        self.project = nn.Linear(latent, 2 * c * 7 * 7)
        self.project_norm = nn.BatchNorm2d(2 * c)
        self.up = nn.ConvTranspose2d(2 * c, c, 4, 2, 1)
        self.up_norm = nn.BatchNorm2d(c)
        self.to_image = nn.ConvTranspose2d(c, 1, 4, 2, 1)

    def forward(self, z):
        h = torch.relu(self.project_norm(self.project(z).view(-1, 2 * self.c, 7, 7)))
        h = torch.relu(self.up_norm(self.up(h)))
        return (torch.tanh(self.to_image(h)) + 1) * 0.5


class Discriminator(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.first = spectral_norm(nn.Conv2d(1, c, 4, 2, 1))
        self.second = spectral_norm(nn.Conv2d(c, 2 * c, 4, 2, 1))
        self.head = spectral_norm(nn.Linear(2 * c * 7 * 7, 1))

    def forward(self, x):
        h = nn.functional.leaky_relu(self.first(x * 2 - 1), 0.1)
        h = nn.functional.leaky_relu(self.second(h), 0.1)
        return self.head(h.flatten(1)).view(-1)


def seconds_for(images, channels, batch=64, latent=64):
    torch.manual_seed(1)
    g, d = Generator(channels, latent), Discriminator(channels)
    opt_g = torch.optim.Adam(g.parameters(), lr=4e-4, betas=(0.0, 0.9))
    opt_d = torch.optim.Adam(d.parameters(), lr=4e-4, betas=(0.0, 0.9))
    data = torch.from_numpy(images)
    order = torch.randperm(len(data))
    start = time.perf_counter()
    for b in range(0, len(data), batch):
        real = data[order[b:b + batch]]
        n = len(real)
        with torch.no_grad():
            fake = g(torch.randn(n, latent))
        scores = d(torch.cat([real, fake]))
        d_loss = torch.relu(1 - scores[:n]).mean() + torch.relu(1 + scores[n:]).mean()
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        for p in d.parameters():
            p.requires_grad_(False)
        g_loss = -d(g(torch.randn(n, latent))).mean()
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        for p in d.parameters():
            p.requires_grad_(True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=6400, help="training images per timed pass (batch 64: 100 steps by default)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--channels", type=int, default=32, help="c, the base width (QSan's default for 28×28 images)")
    parser.add_argument("--folder", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    images = read_images(args.folder)[: args.images]
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, c = {args.channels}, {len(images)} images of batch 64")
    seconds_for(images[:640], args.channels)  # warm-up
    seconds = seconds_for(images, args.channels)
    steps = (len(images) + 63) // 64
    print(f"{seconds:7.2f} s for {steps} steps: {1000 * seconds / steps:6.1f} ms per step")


if __name__ == "__main__":
    main()
