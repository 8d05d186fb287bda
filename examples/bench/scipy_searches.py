"""SciPy's shgo on the search blocks of examples/shgo-scipy.nnx and examples/shgo-eggholder.nnx, with the
same options, timed per solve after warm-up (median and minimum). Run by examples/bench/run.sh."""
import math
import sys
import time

import numpy as np
from scipy.optimize import shgo


def eggholder(x):
    return (-(x[1] + 47) * math.sin(math.sqrt(abs(x[0] / 2 + x[1] + 47)))
            - x[0] * math.sin(math.sqrt(abs(x[0] - (x[1] + 47)))))


def lennard_jones(x):
    ed = (x[0] - x[3]) ** 2 + (x[1] - x[4]) ** 2 + (x[2] - x[5]) ** 2
    ud = ed ** 3
    return (1 / ud - 2) / ud if ud > 0 else math.inf


# name: (objective, bounds, constraints, options) as the .nnx files write them
CASES = {
    "paraboloid_sobol": (lambda x: x[0] ** 2 + x[1] ** 2, [(-1, 6), (-1, 6)],
                         [{"type": "ineq", "fun": lambda x: -(x[0] + x[1] - 6)}], {"sampling_method": "sobol"}),
    "sine": (lambda x: (x[0] - 30) * math.sin(x[0]), [(0, 60)],
             [{"type": "ineq", "fun": lambda x: 58 - x[0]}], {"sampling_method": "sobol"}),
    "hs18": (lambda x: 0.01 * x[0] ** 2 + x[1] ** 2, [(2, 50), (0, 50)],
             [{"type": "ineq", "fun": lambda x: x[0] * x[1] - 25},
              {"type": "ineq", "fun": lambda x: x[0] ** 2 + x[1] ** 2 - 25}], {"sampling_method": "simplicial"}),
    "sphere": (lambda x: sum((v - 0.5) ** 2 for v in x), [(0, 2)] * 4, [], {"sampling_method": "sobol"}),
    "lennard_jones": (lennard_jones, [(-4, 4)] * 6, [], {"n": 300, "sampling_method": "simplicial"}),
    "infeasible": (lambda x: x[0] ** 2 + x[1] ** 2, [(2, 50), (-1, 1)],
                   [{"type": "ineq", "fun": lambda x: x[0] + x[1] - 1},
                    {"type": "ineq", "fun": lambda x: -(x[0] + x[1] - 1)},
                    {"type": "ineq", "fun": lambda x: -x[0] + x[1] - 1},
                    {"type": "ineq", "fun": lambda x: -(-x[0] + x[1] - 1)}], {"sampling_method": "sobol"}),
    "eggholder": (eggholder, [(-512, 512), (-512, 512)], [], {"n": 60, "sampling_method": "sobol"}),
    "constrained": (lambda x: x[0] ** 2 + x[1] ** 2, [(-1, 6), (-1, 6)],
                    [{"type": "ineq", "fun": lambda x: -(x[0] + x[1] - 6)}], {"sampling_method": "simplicial"}),
}


def solve(case):
    f, bounds, cons, options = case
    return shgo(f, bounds, constraints=cons or None, **options)


def main():
    warm = float(sys.argv[1]) if len(sys.argv) > 1 else 3
    measure = float(sys.argv[2]) if len(sys.argv) > 2 else 5
    for name, case in CASES.items():
        end = time.perf_counter() + warm
        while time.perf_counter() < end:
            result = solve(case)
        times = []
        end = time.perf_counter() + measure
        while time.perf_counter() < end or len(times) < 5:
            start = time.perf_counter()
            result = solve(case)
            times.append(time.perf_counter() - start)
        times.sort()
        f = result.fun if result.success else float("nan")
        print("search   %-18s median %9.3f ms  min %9.3f ms  (%d runs; f = %.10g, nfev %d)"
              % (name, times[len(times) // 2] * 1e3, times[0] * 1e3, len(times), f, result.nfev))


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
