package org.nnx.dl4j;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.plugin.Parameters;
import org.nnx.plugin.TrialContext;

/** A trial for tests: a network, a data set, train settings and a seed; shared values are kept per trial. */
final class DataTrial implements TrialContext {

  private final Network network;
  private final Dataset data;
  private final Parameters training;
  private final long seed;
  private final Map<String, Object> shared = new HashMap<>();
  int computations;

  DataTrial(Network network, Dataset data, Parameters training, long seed) {
    this.network = network;
    this.data = data;
    this.training = training;
    this.seed = seed;
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
    return network.family();
  }

  @Override
  public String family() {
    return network.family();
  }

  @Override
  public Parameters parameters() {
    return new Parameters(Map.of());
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
    return training;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <T> T shared(String key, Supplier<T> supplier) {
    return (T) shared.computeIfAbsent(key, k -> {
      computations++;
      return supplier.get();
    });
  }
}
