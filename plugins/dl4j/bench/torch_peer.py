#!/usr/bin/env python3
"""The PyTorch peer of the dl4j training benchmark (README.md beside this file).

Trains the benchmark's networks exactly as TrainingBenchmark does -- one epoch, Adam (lr 1e-3),
cross entropy, shuffled minibatches built beforehand, one thread -- and writes the best examples per
second (wall clock and per CPU second of the training thread) as tab-separated values. Used only for
comparison; run it through run.sh. Needs Debian's python3-torch and MNIST in ~/.cache/nnx/mnist.

Usage: torch_peer.py REPEATS WHICH BATCHES CNN_SAMPLES OUT.tsv
"""
import os
import sys
import time

import numpy as np
import torch
from torch import nn

torch.set_num_threads(1)


def idx(path):
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist():
    folder = os.path.expanduser("~/.cache/nnx/mnist")
    x = idx(os.path.join(folder, "train-images-idx3-ubyte")).astype(np.float32) / 255.0
    y = idx(os.path.join(folder, "train-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy(x).reshape(-1, 1, 28, 28), torch.from_numpy(y)


class DenseMlp(nn.Module):
    """dense_mlp(width 8, depth 8, tc 10): layer i >= 2 reads its predecessor and min(tc, (i-1)*width)
    sampled units of layers 0..i-2 (the NN-Mass authors' Dense_MLP); the same shapes as nnx's."""

    def __init__(self, width=8, depth=8, tc=10, inputs=784, classes=10):
        super().__init__()
        rng = np.random.default_rng(1)
        self.links = [None, None]
        layers = [nn.Linear(inputs, width), nn.Linear(width, width)]
        for i in range(2, depth):
            t = min(tc, (i - 1) * width)
            self.links.append(torch.from_numpy(np.sort(rng.choice((i - 1) * width, t, replace=False))))
            layers.append(nn.Linear(width + t, classes if i == depth - 1 else width))
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        x = x.flatten(1)
        out = [torch.relu(self.layers[0](x))]
        out.append(self.layers[1](out[0]))
        for i in range(2, len(self.layers)):
            earlier = torch.cat(out[:i - 1], dim=1)
            h = torch.cat([out[i - 1], earlier[:, self.links[i]]], dim=1)
            if i < len(self.layers) - 1:
                h = torch.relu(h)
            out.append(self.layers[i](h))
        return out[-1]


class Basic(nn.Module):
    def __init__(self, cin, planes, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, planes, 3, stride, 1, bias=False), nn.BatchNorm2d(planes), nn.ReLU(),
            nn.Conv2d(planes, planes, 3, 1, 1, bias=False), nn.BatchNorm2d(planes))
        self.shortcut = nn.Identity() if stride == 1 and cin == planes else nn.Sequential(
            nn.Conv2d(cin, planes, 1, stride, 0, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


def networks():
    return {
        "dense": lambda: DenseMlp(),
        "mlp": lambda: nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                                     nn.Linear(256, 10)),
        "cnn": lambda: nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                     nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                                     nn.Linear(64 * 7 * 7, 10)),
        "resnet": lambda: nn.Sequential(nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
                                        Basic(16, 16, 1), Basic(16, 32, 2), Basic(32, 64, 2),
                                        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)),
        "resnet20": lambda: nn.Sequential(nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
                                          *[Basic(16, 16, 1) for _ in range(3)],
                                          Basic(16, 32, 2), Basic(32, 32, 1), Basic(32, 32, 1),
                                          Basic(32, 64, 2), Basic(64, 64, 1), Basic(64, 64, 1),
                                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)),
    }


def epoch(model, batches):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    cpu, wall = time.thread_time(), time.perf_counter()
    for x, y in batches:
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
    return time.perf_counter() - wall, time.thread_time() - cpu


def main():
    repeats, which, batches, cnn_samples, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    x, y = mnist()
    rows = ["network\tbatch\texamples\twall_per_s\tcpu_per_s"]
    for name, make in networks().items():
        if which not in ("all", name):
            continue
        n = cnn_samples if name in ("cnn", "resnet", "resnet20") else x.shape[0]
        for batch in [int(b) for b in batches.split(",")]:
            best, best_cpu = 0.0, 0.0
            for r in range(repeats):
                torch.manual_seed(r)
                order = torch.randperm(n)
                data = [(x[order[i:i + batch]], y[order[i:i + batch]]) for i in range(0, n, batch)]
                wall, cpu = epoch(make(), data)
                best, best_cpu = max(best, n / wall), max(best_cpu, n / cpu)
                print(f"torch {name:8s} batch {batch:3d} run {r}: {n / wall:8.0f} examples/s wall ({wall:.2f} s),"
                      f" {n / cpu:8.0f} per CPU second", flush=True)
            rows.append(f"{name}\t{batch}\t{n}\t{round(best)}\t{round(best_cpu)}")
    with open(out, "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
