package org.nnx.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import java.time.Duration;
import java.util.List;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.nnx.optimize.LocalMinimum;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.optimize.Optimizer;
import org.nnx.plugin.NnxPlugin;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.Registrations;

/**
 * The optimizer plugin of the README's "Adding an optimizer": Commons Math's Nelder–Mead behind the
 * {@link Optimizer} SPI, registered as {@code nelder_mead}. Points outside the bounds or violating a
 * constraint count as {@code +Infinity}, which the simplex moves away from.
 */
public final class NelderMeadPlugin implements NnxPlugin {

  public String name() {
    return "nelder-mead";
  }

  public String version() {
    return "1.0.0";
  }

  public Module module() {
    return new AbstractModule() {
      protected void configure() {
        Registrations.optimizers(binder()).addBinding().to(NelderMead.class);
      }
    };
  }

  /** Nelder–Mead from the centre of the box. */
  public static final class NelderMead implements Optimizer {
    public String name() {
      return "nelder_mead";
    }

    public String description() {
      return "Nelder-Mead simplex (Commons Math) from the centre of the bounds; infeasible points count as +infinity";
    }

    public List<ParameterSpec> parameters() {
      return List.of(ParameterSpec.optional("maxfev", ParamType.integerAtLeast(10), 10_000L, "evaluations at most"));
    }

    public OptimizationResult minimize(OptimizationProblem p, Parameters options) {
      long start = System.nanoTime();
      int n = p.dimension();
      double[] centre = new double[n];
      double[] step = new double[n];
      for (int i = 0; i < n; i++) {
        centre[i] = (p.lower(i) + p.upper(i)) / 2;
        step[i] = Math.max((p.upper(i) - p.lower(i)) / 4, 1e-9);
      }
      long[] evaluations = {0};
      ObjectiveFunction f = new ObjectiveFunction(x -> {
        evaluations[0]++;
        if (!p.withinBounds(x) || p.violation(x) > 1e-9) {
          return Double.POSITIVE_INFINITY;
        }
        return p.objective().applyAsDouble(x.clone());
      });
      PointValuePair best = new SimplexOptimizer(1e-12, 1e-12).optimize(new MaxEval(options.getInt("maxfev")), f,
          GoalType.MINIMIZE, new InitialGuess(centre), new NelderMeadSimplex(step));
      boolean ok = Double.isFinite(best.getValue());
      Duration time = Duration.ofNanos(System.nanoTime() - start);
      return ok
          ? new OptimizationResult(best.getPoint(), best.getValue(), List.of(new LocalMinimum(best.getPoint(), best.getValue())),
              true, "converged", evaluations[0], 0, 1, time)
          : new OptimizationResult(new double[0], Double.NaN, List.of(), false, "no feasible point reached",
              evaluations[0], 0, 1, time);
    }
  }
}
