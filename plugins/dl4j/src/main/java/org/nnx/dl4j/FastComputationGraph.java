package org.nnx.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link ComputationGraph} whose updater takes DL4J's standard path.
 *
 * <p>DL4J 1.0.0-M2.1's updater treats a gradient as "external" (computed by another network) when
 * the array its {@code Gradient.gradient()} returns is not the graph's own flattened gradient
 * object. {@code DefaultGradient.gradient()} always returns a reshaped copy of the reference, so
 * every {@code fit} call took the external path, which re-slices the parameter and gradient
 * vectors of every variable twice per iteration (about four ND4J array creations per parameter
 * array) only to find no regularization to apply. This class hands the updater a gradient whose
 * {@code gradient()} is the flattened view itself, so the updater uses its cached views; the
 * values and the update are the same.
 */
public class FastComputationGraph extends ComputationGraph {

  /** A graph for {@code configuration}; call {@link #init()} before use. */
  public FastComputationGraph(ComputationGraphConfiguration configuration) {
    super(configuration);
  }

  @Override
  public Pair<Gradient, Double> gradientAndScore() {
    Gradient g = gradient();
    INDArray flat = getFlattenedGradients();
    if (g == null || flat == null) {
      return new Pair<>(g, score());
    }
    return new Pair<>(new ViewGradient(g, flat), score());
  }

  /** The same per-variable gradients, with {@link #gradient()} the flattened view itself. */
  private static final class ViewGradient extends DefaultGradient {

    private final INDArray flat;

    ViewGradient(Gradient source, INDArray flat) {
      super(flat);
      this.flat = flat;
      for (Map.Entry<String, INDArray> e : source.gradientForVariable().entrySet()) {
        setGradientFor(e.getKey(), e.getValue(), source.flatteningOrderForVariable(e.getKey()));
      }
    }

    @Override
    public INDArray gradient() {
      return flat;
    }
  }
}
