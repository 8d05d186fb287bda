package org.nnx.shgo.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.shgo.ShgoOptimizer;
import org.nnx.param.Parameters;

/**
 * Wall time per solve of SciPy's shgo acceptance cases, after warm-up. Not a test: run it with
 * {@code plugins/shgo/bench/run.sh}, which also runs the same cases through SciPy when available.
 */
public final class ShgoBench {

  private record Case(String name, Supplier<OptimizationProblem> problem, Map<String, Object> options) {}

  private ShgoBench() {}

  public static void main(String[] args) {
    double warmupSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
    double measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
    ShgoOptimizer shgo = new ShgoOptimizer();
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("x0^2+x1^2, sobol", ShgoBench::paraboloid, Map.of("sampling", "sobol")));
    cases.add(new Case("(x-30)sin(x), sobol", ShgoBench::sine, Map.of("sampling", "sobol")));
    cases.add(
        new Case("eggholder, sobol n=60", ShgoBench::eggholder, Map.of("sampling", "sobol", "n", 60L)));
    cases.add(new Case("7 vars 4 cons, simplicial", ShgoBench::hs100like, Map.of()));
    System.out.printf("java %s, %s%n", System.getProperty("java.version"), System.getProperty("os.arch"));
    System.out.printf("%-28s %12s %10s %8s %7s %18s%n", "case", "median ms", "mean ms", "runs", "nfev", "f");
    for (Case c : cases) {
      Parameters o = shgo.options(c.options());
      OptimizationProblem p = c.problem().get();
      long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
      OptimizationResult r = null;
      while (System.nanoTime() < until) {
        r = shgo.minimize(p, o);
      }
      List<Double> times = new ArrayList<>();
      until = System.nanoTime() + (long) (measureSeconds * 1e9);
      while (System.nanoTime() < until || times.size() < 10) {
        long t0 = System.nanoTime();
        r = shgo.minimize(p, o);
        times.add((System.nanoTime() - t0) / 1e6);
      }
      double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median = t.length % 2 == 1 ? t[t.length / 2] : 0.5 * (t[t.length / 2 - 1] + t[t.length / 2]);
      double mean = Arrays.stream(t).average().orElseThrow();
      System.out.printf("%-28s %12.3f %10.3f %8d %7d %18.10f%n", c.name(), median, mean, t.length, r.nfev(), r.f());
    }
  }

  static OptimizationProblem paraboloid() {
    return OptimizationProblem.of(new double[] {-1, -1}, new double[] {6, 6}, x -> x[0] * x[0] + x[1] * x[1])
        .withInequality(x -> -(x[0] + x[1] - 6.0));
  }

  static OptimizationProblem sine() {
    return OptimizationProblem.of(new double[] {0}, new double[] {60}, x -> (x[0] - 30) * Math.sin(x[0]))
        .withInequality(x -> 58 - x[0]);
  }

  static OptimizationProblem eggholder() {
    return OptimizationProblem.of(
        new double[] {-512, -512},
        new double[] {512, 512},
        x -> -(x[1] + 47.0) * Math.sin(Math.sqrt(Math.abs(x[0] / 2.0 + (x[1] + 47.0))))
            - x[0] * Math.sin(Math.sqrt(Math.abs(x[0] - (x[1] + 47.0)))));
  }

  /** SciPy's test4_1 (Henderson 2015, problem 7; Hock-Schittkowski 100 form). */
  static OptimizationProblem hs100like() {
    double[] lo = new double[7];
    double[] hi = new double[7];
    Arrays.fill(lo, -10);
    Arrays.fill(hi, 10);
    return OptimizationProblem.of(
            lo,
            hi,
            x -> (x[0] - 10) * (x[0] - 10) + 5 * Math.pow(x[1] - 12, 2) + Math.pow(x[2], 4)
                + 3 * Math.pow(x[3] - 11, 2) + 10 * Math.pow(x[4], 6) + 7 * x[5] * x[5]
                + Math.pow(x[6], 4) - 4 * x[5] * x[6] - 10 * x[5] - 8 * x[6])
        .withInequality(
            x -> -(2 * x[0] * x[0] + 3 * Math.pow(x[1], 4) + x[2] + 4 * x[3] * x[3] + 5 * x[4] - 127))
        .withInequality(x -> -(7 * x[0] + 3 * x[1] + 10 * x[2] * x[2] + x[3] - x[4] - 282))
        .withInequality(x -> -(23 * x[0] + x[1] * x[1] + 6 * x[5] * x[5] - 8 * x[6] - 196))
        .withInequality(
            x -> -(4 * x[0] * x[0] + x[1] * x[1] - 3 * x[0] * x[1] + 2 * x[2] * x[2] + 5 * x[5]
                - 11 * x[6]));
  }
}
