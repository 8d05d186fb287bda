#!/usr/bin/env python3
"""Where PyTorch's training step goes, operation by operation (README.md beside this file).

Trains one of torch_peer.py's networks for a few steps on random inputs (the step's cost does not
depend on the values, subnormals aside) with Adam on one thread, and prints torch.profiler's table of
self CPU time per operator, averaged per step, to set beside nnx's own breakdown (run.sh phases, Java
Flight Recorder and DNNL_VERBOSE=1). Used only for comparison; needs Debian's python3-torch.

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 torch_profile.py [NETWORK [BATCH [STEPS]]]
       (defaults resnet20 64 10)
"""
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_peer  # noqa: E402  (sets one thread)


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "resnet20"
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    torch.manual_seed(0)
    model = torch_peer.networks()[name]()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))

    def step():
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()

    for _ in range(5):  # warm-up: oneDNN's primitives are created on first use
        step()
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
        for _ in range(steps):
            step()
    rows = sorted(prof.key_averages(), key=lambda e: e.self_cpu_time_total, reverse=True)
    total = sum(e.self_cpu_time_total for e in rows)
    print(f"{name}, batch {batch}: {total / steps / 1000:.1f} ms of self CPU time per step (profiler included)")
    print(f"{'operator':40s} {'ms/step':>8s} {'calls/step':>10s}")
    for e in rows[:15]:
        print(f"{e.key[:40]:40s} {e.self_cpu_time_total / steps / 1000:8.2f} {e.count / steps:10.1f}")


if __name__ == "__main__":
    main()
