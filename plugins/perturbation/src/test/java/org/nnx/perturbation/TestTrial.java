package org.nnx.perturbation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * A trial for tests: a network (by default an {@code mlp}) built from parameters, synthetic Gaussian
 * data, a seed. Public, and published in this module's test-jar, for the tests of {@code
 * plugins/proxies}.
 */
public final class TestTrial implements TrialContext {

  private final Parameters parameters;
  private final Network network;
  private final Dataset data;
  private final long seed;
  private final Map<String, Object> shared = new HashMap<>();

  /** A trial of the {@code mlp} built from {@code parameters} with {@code seed}. */
  public TestTrial(Parameters parameters, Dataset data, long seed) {
    this(new MlpFamily().build(parameters, new BuildContext(seed)), parameters, data, seed);
  }

  /** A trial of any {@code network} built from {@code parameters}. */
  public TestTrial(Network network, Parameters parameters, Dataset data, long seed) {
    this.parameters = parameters;
    this.network = network;
    this.data = data;
    this.seed = seed;
  }

  /** {@code mlp} parameters with the family's defaults for what is not given. */
  public static Parameters mlp(int width, int depth, String skip, String activation, int inputs, int classes) {
    return mlp(width, depth, skip, activation, inputs, classes, 1.0);
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

  @Override
  public String experiment() {
    return "test";
  }

  @Override
  public int index() {
    return 0;
  }

  @Override
  public int repeat() {
    return 0;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public String architecture() {
    return "net";
  }

  @Override
  public String family() {
    return MlpFamily.NAME;
  }

  @Override
  public Parameters parameters() {
    return parameters;
  }

  @Override
  public Network network() {
    return network;
  }

  @Override
  public Dataset data() {
    return data;
  }

  @Override
  public Parameters training() {
    return new Parameters(Map.of());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> supplier) {
    return (T) shared.computeIfAbsent(key, k -> supplier.get());
  }
}
