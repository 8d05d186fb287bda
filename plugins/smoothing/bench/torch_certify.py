#!/usr/bin/env python3
"""The PyTorch peer of the certification benchmark (README.md beside this file).

Certifies the first N MNIST test images with ART's model (the six arrays of
reference/art-derandomized-mnist) exactly as nnx's patch_certificate does: (x, 1 - x) encoding, every
column band of b = 2 (28 ablations) or every 5x5 block (784), softmax votes at threshold 0.3, one
thread, all ablations of several images per batch. Prints images per second and the certified counts.
Used only for the comparison. Usage: torch_certify.py ROOT N
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


def model(root):
    arrays = os.path.join(root, "reference", "art-derandomized-mnist")
    net = nn.Sequential(nn.Conv2d(2, 32, 4, stride=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Linear(1152, 100), nn.ReLU(), nn.Linear(100, 10))
    load = lambda name: torch.from_numpy(np.load(os.path.join(arrays, name)))
    with torch.no_grad():
        net[0].weight.copy_(load("W_CONV2D1_MNIST.npy"))
        net[0].bias.copy_(load("B_CONV2D1_MNIST.npy"))
        net[4].weight.copy_(load("W_DENSE1_MNIST.npy"))
        net[4].bias.copy_(load("B_DENSE1_MNIST.npy"))
        net[6].weight.copy_(load("W_DENSE2_MNIST.npy"))
        net[6].bias.copy_(load("B_DENSE2_MNIST.npy"))
    return net.eval()


def masks(kind, size):
    """One keep-mask per position, wrapping around the edge: [positions, 28, 28]."""
    out = []
    if kind == "column":
        for p in range(28):
            m = np.zeros((28, 28), dtype=np.float32)
            m[:, [(p + j) % 28 for j in range(size)]] = 1
            out.append(m)
    else:
        for r in range(28):
            for c in range(28):
                m = np.zeros((28, 28), dtype=np.float32)
                rows = [(r + j) % 28 for j in range(size)]
                cols = [(c + j) % 28 for j in range(size)]
                m[np.ix_(rows, cols)] = 1
                out.append(m)
    return torch.from_numpy(np.stack(out))


def certify(net, x, y, kind, size, patch, threshold=0.3, batch=1024):
    keep = masks(kind, size)
    positions = keep.shape[0]
    delta = patch + size - 1 if kind == "column" else (patch + size - 1) ** 2
    per = max(1, batch // positions)
    certified = correct = smoothed = 0
    with torch.no_grad():
        for first in range(0, x.shape[0], per):
            images = x[first:first + per]
            encoded = torch.cat([images, 1 - images], dim=1)  # [n, 2, 28, 28]
            ablated = (encoded[:, None] * keep[None, :, None]).reshape(-1, 2, 28, 28)
            p = torch.softmax(net(ablated), dim=1).reshape(images.shape[0], positions, 10)
            votes = (p >= threshold).sum(dim=1)
            for i in range(images.shape[0]):
                v = votes[i].tolist()
                top = max(range(10), key=lambda k: (v[k], -k))
                runner = max((k for k in range(10) if k != top), key=lambda k: (v[k], -k))
                gap = v[top] - v[runner]
                sure = gap > 2 * delta or (gap == 2 * delta and top < runner)
                label = int(y[first + i])
                certified += sure
                correct += sure and top == label
                smoothed += top == label
    return certified, correct, smoothed


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    folder = os.path.expanduser("~/.cache/nnx/mnist")
    x = torch.from_numpy(idx(os.path.join(folder, "t10k-images-idx3-ubyte"))[:n].astype(np.float32) / 255.0)
    x = x.reshape(-1, 1, 28, 28)
    y = idx(os.path.join(folder, "t10k-labels-idx1-ubyte"))[:n]
    net = model(root)
    for kind, size, patch in [("column", 2, 5), ("block", 5, 1)]:
        certify(net, x[:8], y[:8], kind, size, patch)  # warm-up
        start = time.perf_counter()
        certified, correct, smoothed = certify(net, x, y, kind, size, patch)
        seconds = time.perf_counter() - start
        print(f"RESULT torch {kind}(size = {size}) patch {patch}: {n / seconds:.1f} images/s ({seconds:.2f} s);"
              f" certified {certified}, certified and correct {correct}, smoothed correct {smoothed}", flush=True)


if __name__ == "__main__":
    main()
