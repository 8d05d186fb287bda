package org.nnx.codesign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nnx.hardware.Cost;
import org.nnx.hardware.CostModel;
import org.nnx.ir.Network;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * The hierarchical co-design search of a {@link Codesign}, with its predictor fitted: given the
 * predictor {@code P} of the accuracy in the architecture metric {@code x} and the target's cost
 * model, it alternates two levels, each solved by the block's optimizer (SHGO in FLASH):
 *
 * <ol>
 *   <li><b>architecture level</b>, hardware {@code h} fixed: maximize {@code P(x(a))} over the
 *       architectures {@code a} of the space subject to {@code latency(a, h) <= max_latency},
 *       {@code energy(a, h) <= max_energy}, {@code area(a, h) <= max_area};
 *   <li><b>hardware level</b>, architecture {@code a} fixed: minimize the {@code
 *       hardware_objective} (area by default) of {@code (a, h)} over the swept hardware settings
 *       subject to the same budgets.
 * </ol>
 *
 * starting from the hardware the target's block describes, for at most {@code rounds} rounds or
 * until a round repeats the design. A level never returns a design worse than the one it starts
 * from, so the predicted accuracy never decreases from round to round, and every design after the
 * first hardware level is feasible whenever the first architecture level found a feasible one.
 *
 * <p><b>Integer variables.</b> Every dimension of both spaces is a list of values (a range {@code
 * lo..hi step s} or a set). The optimizer sees dimension {@code d} as a continuous variable {@code
 * u_d} in {@code [0, n_d - 1]}, the relaxed index into its values; every evaluation rounds {@code
 * u} to the nearest index, so only real configurations are ever built and costed (a relaxation
 * over the values' indexes works for sets of any values, also non-numeric ones). The rounded
 * objective is piecewise constant, so SHGO's sampling and its simplicial minimizer selection do the
 * global work and its gradient-based local searches stop on the plateau they start from. The best
 * configuration evaluated (feasible first, then by objective; else the least constraint violation)
 * is then polished by a deterministic coordinate search over integer neighbours (each index {@code
 * +-1}, first improvement, until none improves). Constraints reach the optimizer normalized, as
 * {@code 1 - cost / budget >= 0}.
 *
 * <p>With a trusted range {@code [xMin, xMax]} (the samples' range of {@code x}), the architecture
 * level also requires {@code xMin <= x(a) <= xMax}: the predictor is not extrapolated. The
 * design's {@code feasible} flag is about the budgets only.
 *
 * <p>Each configuration is built once ({@code family.build} with the codesign's seed), its {@code x}
 * computed once by the samples experiment's metric, and each (architecture, hardware) pair costed
 * once; later evaluations hit these caches. Not thread-safe: one search per instance.
 */
public final class CodesignSearch {

  /**
   * One level of one round.
   *
   * @param round the round, from 1
   * @param level {@code architecture} or {@code hardware}
   * @param design the level's result, as text
   * @param value the level's objective at its result: the predicted {@code y} for the architecture
   *     level, the hardware objective (SI units) for the hardware level
   * @param feasible whether the result meets every budget
   * @param evaluations objective evaluations of the level, the optimizer's and the polish's
   * @param seconds the level's wall time
   */
  public record Round(int round, String level, String design, double value, boolean feasible, long evaluations,
      double seconds) {}

  /**
   * The chosen design.
   *
   * @param architecture the chosen value index of each architecture dimension
   * @param hardware the chosen value index of each hardware dimension
   * @param architectureParameters the design's architecture parameters
   * @param hardwareSettings the design's hardware settings (SI units)
   * @param network its network
   * @param x its architecture metric
   * @param predicted the predicted {@code y}
   * @param cost its modelled cost on the chosen hardware
   * @param feasible whether it meets every budget
   * @param rounds every level of every round, in order
   * @param evaluations objective evaluations over all levels
   * @param architecturesBuilt distinct architectures built and measured
   * @param seconds the search's wall time
   */
  public record Result(int[] architecture, int[] hardware, Parameters architectureParameters,
      Parameters hardwareSettings, Network network, double x, double predicted, Cost cost, boolean feasible,
      List<Round> rounds, long evaluations, int architecturesBuilt, double seconds) {}

  /** An index vector as a hash key. */
  private record Key(int[] v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(v, k.v);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(v);
    }
  }

  /** A built architecture; {@code network == null} when the family rejects the combination. */
  private record Arch(Parameters parameters, Network network, double x, double predicted) {}

  /** One evaluated configuration of a level: minimize {@code objective}, every slack {@code >= 0}. */
  private record Eval(double objective, double[] slacks) {
    boolean feasible() {
      return violation() == 0;
    }

    double violation() {
      double v = 0;
      for (double s : slacks) {
        v += Double.isNaN(s) ? Double.POSITIVE_INFINITY : Math.max(0, -s);
      }
      return v;
    }

    /** Whether this is better than {@code other}: feasible first, then lower objective; else lower violation. */
    boolean betterThan(Eval other) {
      if (other == null) {
        return true;
      }
      if (feasible() != other.feasible()) {
        return feasible();
      }
      return feasible() ? objective < other.objective : violation() < other.violation();
    }
  }

  private final Codesign codesign;
  private final Predictor predictor;
  private final Map<Key, Arch> architectures = new HashMap<>();
  private final Map<Key, CostModel> models = new HashMap<>();
  private final Map<Key, Cost> costs = new HashMap<>();
  private final double[] budgets;
  private final double xMin;
  private final double xMax;
  private long evaluations;

  /**
   * A search that trusts the predictor everywhere.
   *
   * @param codesign the block
   * @param predictor the predictor of {@code y} in {@code x}
   */
  public CodesignSearch(Codesign codesign, Predictor predictor) {
    this(codesign, predictor, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * A search that trusts the predictor only where it was fitted: architectures whose {@code x} lies
   * outside {@code [xMin, xMax]} are infeasible (a polynomial fitted on a few samples says nothing
   * about the accuracy far outside them).
   *
   * @param codesign the block
   * @param predictor the predictor of {@code y} in {@code x}
   * @param xMin the smallest {@code x} of the samples it was fitted on
   * @param xMax the largest
   */
  public CodesignSearch(Codesign codesign, Predictor predictor, double xMin, double xMax) {
    this.codesign = codesign;
    this.predictor = predictor;
    this.budgets = new double[] {codesign.maxLatency(), codesign.maxEnergy(), codesign.maxArea()};
    this.xMin = xMin;
    this.xMax = xMax;
  }

  /** Runs the search. */
  public Result run() {
    long start = System.nanoTime();
    List<Round> rounds = new ArrayList<>();
    HardwareSpace hw = codesign.hardware();
    int[] hardware = hw.initial();
    int[] architecture = null;
    for (int r = 1; r <= codesign.rounds(); r++) {
      int[] h = hardware;
      int[] a = level(codesign.architecture(), architecture, idx -> architectureEval(idx, h), "architecture", r,
          rounds, idx -> arch(idx).predicted());
      int[] next = hw.dimensions() == 0 ? hardware
          : level(hw, hardware, idx -> hardwareEval(a, idx), "hardware", r, rounds, idx -> hardwareValue(a, idx));
      boolean repeated = Arrays.equals(a, architecture) && Arrays.equals(next, hardware);
      architecture = a;
      hardware = next;
      if (repeated || hw.dimensions() == 0) {
        break;
      }
    }
    Arch chosen = arch(architecture);
    Cost cost = cost(architecture, hardware);
    boolean feasible = chosen.network() != null && slacksHold(slacks(cost));
    return new Result(architecture, hardware, chosen.parameters(), hw.instantiate(hardware), chosen.network(),
        chosen.x(), chosen.predicted(), cost, feasible, rounds, evaluations, architectures.size(),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * One level: the optimizer over the relaxed indexes of {@code space}, then the polish of the best
   * configuration evaluated (never worse than {@code from}, when given).
   *
   * @param report the level's objective at a configuration as the round reports it: the predicted
   *     {@code y}, or the hardware objective in SI units
   */
  private int[] level(DesignSpace space, int[] from, Function<int[], Eval> eval, String name, int round,
      List<Round> rounds, java.util.function.ToDoubleFunction<int[]> report) {
    long start = System.nanoTime();
    long before = evaluations;
    int n = space.dimensions();
    Map<Key, Eval> seen = new HashMap<>();
    int[][] best = {null};
    Eval[] bestEval = {null};
    Function<int[], Eval> tracked = idx -> {
      evaluations++;
      Eval e = seen.computeIfAbsent(new Key(idx), k -> eval.apply(idx));
      if (e.betterThan(bestEval[0])) {
        best[0] = idx;
        bestEval[0] = e;
      }
      return e;
    };
    if (from != null) {
      tracked.apply(from);
    }
    double[] lower = new double[n];
    double[] upper = new double[n];
    for (int d = 0; d < n; d++) {
      upper[d] = space.size(d) - 1;
    }
    OptimizationProblem problem = OptimizationProblem.of(lower, upper, u -> tracked.apply(round(u, space)).objective());
    int constraints = finiteBudgets() + (name.equals("architecture") && trusted() ? 2 : 0);
    for (int k = 0; k < constraints; k++) {
      int slack = k;
      problem = problem.withInequality(u -> tracked.apply(round(u, space)).slacks()[slack]);
    }
    OptimizationResult result = codesign.optimizer().minimize(problem, codesign.options());
    if (result.hasSolution()) {
      tracked.apply(round(result.x(), space));
    }
    int[] point = best[0];
    boolean improved = true;
    while (improved) {
      improved = false;
      for (int d = 0; d < n; d++) {
        for (int step : new int[] {-1, 1}) {
          int v = point[d] + step;
          if (v < 0 || v >= space.size(d)) {
            continue;
          }
          int[] q = point.clone();
          q[d] = v;
          if (tracked.apply(q).betterThan(seen.get(new Key(point)))) {
            point = q;
            improved = true;
          }
        }
      }
    }
    rounds.add(new Round(round, name, space.describe(point), report.applyAsDouble(point),
        seen.get(new Key(point)).feasible(), evaluations - before, (System.nanoTime() - start) / 1e9));
    return point;
  }

  private static int[] round(double[] u, DesignSpace space) {
    int[] idx = new int[u.length];
    for (int d = 0; d < u.length; d++) {
      idx[d] = (int) Math.max(0, Math.min(space.size(d) - 1, Math.floor(u[d] + 0.5)));
    }
    return idx;
  }

  /**
   * The architecture level's evaluation: minimize {@code -P(x)}; slacks {@code 1 - cost / budget},
   * and when the predictor has a trusted range, {@code (x - xMin) / w} and {@code (xMax - x) / w}
   * with {@code w} the range's width.
   */
  private Eval architectureEval(int[] a, int[] h) {
    Arch arch = arch(a);
    if (arch.network() == null) {
      return invalid();
    }
    double[] slacks = slacks(cost(a, h));
    if (trusted()) {
      double width = Math.max(xMax - xMin, Double.MIN_NORMAL);
      slacks = Arrays.copyOf(slacks, slacks.length + 2);
      slacks[slacks.length - 2] = (arch.x() - xMin) / width;
      slacks[slacks.length - 1] = (xMax - arch.x()) / width;
    }
    return new Eval(-arch.predicted(), slacks);
  }

  private boolean trusted() {
    return Double.isFinite(xMin) && Double.isFinite(xMax);
  }

  /** The hardware level's evaluation: minimize the hardware objective relative to the budget or 1. */
  private Eval hardwareEval(int[] a, int[] h) {
    if (arch(a).network() == null) {
      return invalid();
    }
    Cost cost = cost(a, h);
    return new Eval(hardwareValue(a, h) / scale(), slacks(cost));
  }

  private double hardwareValue(int[] a, int[] h) {
    Cost cost = cost(a, h);
    return switch (codesign.hardwareObjective()) {
      case "energy" -> cost.energy();
      case "latency" -> cost.latency();
      default -> cost.area();
    };
  }

  /** The hardware objective's budget when it has one, so that the optimizer sees values near 1. */
  private double scale() {
    double b = switch (codesign.hardwareObjective()) {
      case "energy" -> codesign.maxEnergy();
      case "latency" -> codesign.maxLatency();
      default -> codesign.maxArea();
    };
    return Double.isFinite(b) ? b : 1;
  }

  private Eval invalid() {
    double[] slacks = new double[finiteBudgets() + (trusted() ? 2 : 0)];
    Arrays.fill(slacks, -1);
    return new Eval(Double.POSITIVE_INFINITY, slacks);
  }

  private int finiteBudgets() {
    int k = 0;
    for (double b : budgets) {
      k += Double.isFinite(b) ? 1 : 0;
    }
    return k;
  }

  private static boolean slacksHold(double[] slacks) {
    for (double s : slacks) {
      if (!(s >= 0)) {
        return false;
      }
    }
    return true;
  }

  private double[] slacks(Cost cost) {
    double[] values = {cost.latency(), cost.energy(), cost.area()};
    double[] out = new double[finiteBudgets()];
    int k = 0;
    for (int i = 0; i < 3; i++) {
      if (Double.isFinite(budgets[i])) {
        out[k++] = 1 - values[i] / budgets[i];
      }
    }
    return out;
  }

  private Arch arch(int[] a) {
    return architectures.computeIfAbsent(new Key(a.clone()), k -> {
      Parameters p = codesign.architecture().instantiate(a);
      if (p == null) {
        return new Arch(null, null, Double.NaN, Double.NaN);
      }
      Network network;
      try {
        network = codesign.family().build(p, new BuildContext(codesign.seed()));
      } catch (IllegalArgumentException rejected) {
        return new Arch(null, null, Double.NaN, Double.NaN);
      }
      TrialContext trial = FixedTrialContext.builder(network).experiment(codesign.name())
          .architecture(codesign.name()).family(codesign.family().name()).parameters(p).seed(codesign.seed())
          .training(codesign.training()).build();
      Object value = codesign.x().metric().compute(trial, codesign.x().options()).values().get(codesign.x().metric().name());
      double x = ((Number) value).doubleValue();
      return new Arch(p, network, x, predictor.predict(x));
    });
  }

  private Cost cost(int[] a, int[] h) {
    int[] key = Arrays.copyOf(a, a.length + h.length);
    System.arraycopy(h, 0, key, a.length, h.length);
    return costs.computeIfAbsent(new Key(key), k -> model(h).estimate(arch(a).network()));
  }

  private CostModel model(int[] h) {
    return models.computeIfAbsent(new Key(h.clone()), k -> codesign.hardware().target().model()
        .configure(codesign.hardware().target().name(), codesign.hardware().instantiate(h)));
  }
}
