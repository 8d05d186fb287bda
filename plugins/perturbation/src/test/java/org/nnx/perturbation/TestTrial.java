package org.nnx.perturbation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nnx.data.Dataset;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.param.Parameters;

/**
 * Trials for tests: {@code mlp} parameters, synthetic Gaussian data, and trials of an {@code mlp}
 * built from them. Public, and published in this module's test-jar, for the tests of {@code
 * plugins/proxies}.
 */
public final class TestTrial {

  private TestTrial() {}

  /** A trial of the {@code mlp} built from {@code parameters} with {@code seed}, on {@code data}. */
  public static FixedTrialContext of(Parameters parameters, Dataset data, long seed) {
    return FixedTrialContext.builder(new MlpFamily().build(parameters, new BuildContext(seed))).parameters(parameters)
        .data(data).seed(seed).build();
  }

  /** {@code mlp} parameters with the family's defaults for what is not given. */
  public static Parameters mlp(int width, int depth, String skip, String activation, int inputs, int classes) {
    return mlp(width, depth, skip, activation, inputs, classes, 1.0);
  }

  /**
   * {@code cnn} parameters for 1 x 6 x 6 images and 3 classes: 3 channels, a 2 x 2 patch stem, the
   * given skip, activation and depth, {@code epsilon = 1}.
   */
  public static Parameters cnn(String skip, String activation, int depth) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("channels", 3L);
    p.put("depth", (long) depth);
    p.put("skip", skip);
    p.put("epsilon", 1.0);
    p.put("activation", activation);
    p.put("patch", 2L);
    p.put("inputs", List.of(1L, 6L, 6L));
    p.put("classes", 3L);
    return new Parameters(p);
  }

  /** {@code mlp} parameters with a residual scale {@code epsilon}. */
  public static Parameters mlp(int width, int depth, String skip, String activation, int inputs, int classes,
      double epsilon) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("width", (long) width);
    p.put("depth", (long) depth);
    p.put("skip", skip);
    p.put("epsilon", epsilon);
    p.put("activation", activation);
    p.put("inputs", (long) inputs);
    p.put("classes", (long) classes);
    return new Parameters(p);
  }

  /** {@code size} standard Gaussian examples of {@code features} values (both splits), from {@code seed}. */
  public static Dataset gaussian(int features, int classes, int size, long seed) {
    Random random = new Random(seed);
    float[] x = new float[features * size];
    int[] y = new int[size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < size; i++) {
      y[i] = random.nextInt(classes);
    }
    Dataset.Split split = new Dataset.Split(x, y);
    return new Dataset("gaussian", TensorShape.vector(features), classes, split, split);
  }
}
