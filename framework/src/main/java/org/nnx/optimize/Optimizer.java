package org.nnx.optimize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * A named minimization method for {@link OptimizationProblem}s, e.g. {@code shgo}. Register it
 * with {@link org.nnx.plugin.Registrations#optimizers}; the key is the name users write.
 *
 * <p>Implementations must be stateless between calls (one instance serves every run) and
 * deterministic: the same problem and options give the same result.
 */
public interface Optimizer {

  /** The name users write, e.g. {@code "shgo"}. */
  String name();

  /** One line for {@code nnx plugins}. */
  String description();

  /** The options users may pass, as in {@code shgo(n = 64, sampling = sobol)}. */
  List<ParameterSpec> parameters();

  /**
   * Minimizes the problem.
   *
   * @param problem the problem
   * @param options checked options, defaults filled in (see {@link #options(Map)})
   * @return the result; a problem without a feasible point gives {@code success == false}, not an
   *     exception
   * @throws IllegalArgumentException if the problem uses a feature the optimizer does not support
   *     (e.g. integer variables), or the options do not fit the problem
   */
  OptimizationResult minimize(OptimizationProblem problem, Parameters options);

  /**
   * Options for programmatic use: the given values over the defaults of {@link #parameters()}.
   * Values must already have their checked Java type (see {@link org.nnx.param.ParamType}).
   *
   * @param given values by option name
   * @throws IllegalArgumentException for an unknown option or a missing required one
   */
  default Parameters options(Map<String, ?> given) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParameterSpec spec : parameters()) {
      Object v = given.containsKey(spec.name()) ? given.get(spec.name()) : spec.defaultValue().orElse(null);
      if (v == null) {
        throw new IllegalArgumentException(name() + ": option '" + spec.name() + "' is required");
      }
      values.put(spec.name(), v);
    }
    for (String key : given.keySet()) {
      if (!values.containsKey(key)) {
        throw new IllegalArgumentException(name() + " has no option '" + key + "'");
      }
    }
    return new Parameters(values);
  }
}
