"""The cases of ShgoBench.java through scipy.optimize.shgo, timed the same way (after warm-up)."""
import sys
import time

import numpy as np
import scipy
from scipy.optimize import shgo


def paraboloid():
    return dict(func=lambda x: x[0] ** 2 + x[1] ** 2, bounds=[(-1, 6)] * 2,
                constraints=({'type': 'ineq', 'fun': lambda x: -(x[0] + x[1] - 6.0)},),
                sampling_method='sobol')


def sine():
    return dict(func=lambda x: (x[0] - 30) * np.sin(x[0]), bounds=[(0, 60)],
                constraints=({'type': 'ineq', 'fun': lambda x: 58 - x[0]},),
                sampling_method='sobol')


def eggholder():
    def f(x):
        return (-(x[1] + 47.0) * np.sin(np.sqrt(abs(x[0] / 2.0 + (x[1] + 47.0))))
                - x[0] * np.sin(np.sqrt(abs(x[0] - (x[1] + 47.0)))))
    return dict(func=f, bounds=[(-512, 512)] * 2, n=60, sampling_method='sobol')


def hs100like():
    def f(x):
        return ((x[0] - 10) ** 2 + 5 * (x[1] - 12) ** 2 + x[2] ** 4 + 3 * (x[3] - 11) ** 2
                + 10 * x[4] ** 6 + 7 * x[5] ** 2 + x[6] ** 4 - 4 * x[5] * x[6] - 10 * x[5] - 8 * x[6])
    g = [lambda x: -(2 * x[0] ** 2 + 3 * x[1] ** 4 + x[2] + 4 * x[3] ** 2 + 5 * x[4] - 127),
         lambda x: -(7 * x[0] + 3 * x[1] + 10 * x[2] ** 2 + x[3] - x[4] - 282.0),
         lambda x: -(23 * x[0] + x[1] ** 2 + 6 * x[5] ** 2 - 8 * x[6] - 196),
         lambda x: -(4 * x[0] ** 2 + x[1] ** 2 - 3 * x[0] * x[1] + 2 * x[2] ** 2 + 5 * x[5] - 11 * x[6])]
    return dict(func=f, bounds=[(-10, 10)] * 7,
                constraints=tuple({'type': 'ineq', 'fun': gi} for gi in g),
                sampling_method='simplicial')


CASES = [("x0^2+x1^2, sobol", paraboloid), ("(x-30)sin(x), sobol", sine),
         ("eggholder, sobol n=60", eggholder), ("7 vars 4 cons, simplicial", hs100like)]


def main():
    warmup = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    measure = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    print(f"python {sys.version.split()[0]}, scipy {scipy.__version__}, numpy {np.__version__}")
    print(f"{'case':<28} {'median ms':>12} {'mean ms':>10} {'runs':>8} {'nfev':>7} {'f':>18}")
    for name, make in CASES:
        kw = make()
        until = time.perf_counter() + warmup
        while time.perf_counter() < until:
            r = shgo(**kw)
        times = []
        until = time.perf_counter() + measure
        while time.perf_counter() < until or len(times) < 10:
            t0 = time.perf_counter()
            r = shgo(**kw)
            times.append((time.perf_counter() - t0) * 1e3)
        times.sort()
        n = len(times)
        median = times[n // 2] if n % 2 else 0.5 * (times[n // 2 - 1] + times[n // 2])
        print(f"{name:<28} {median:12.3f} {sum(times) / n:10.3f} {n:8d} {r.nfev:7d} {float(r.fun):18.10f}")


if __name__ == '__main__':
    main()
