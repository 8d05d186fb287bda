package org.nnx.architectures;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.plugin.Parameters;
import org.nnx.plugin.TrialContext;

/** A trial for tests: a network and its parameters, no data, no training settings. */
public final class TestTrialContext implements TrialContext {

  private final Network network;
  private final Parameters parameters;
  private final long seed;
  private final Map<String, Object> shared = new HashMap<>();

  /** A trial of {@code network}, built from {@code parameters} with {@code seed}. */
  public TestTrialContext(Network network, Parameters parameters, long seed) {
    this.network = network;
    this.parameters = parameters;
    this.seed = seed;
  }

  /** A trial of {@code network} with no parameters and seed 0. */
  public TestTrialContext(Network network) {
    this(network, new Parameters(Map.of()), 0);
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
    return parameters;
  }

  @Override
  public Network network() {
    return network;
  }

  /** Always fails: test trials have no data. */
  @Override
  public Dataset data() {
    throw new IllegalStateException("test trials have no data");
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
