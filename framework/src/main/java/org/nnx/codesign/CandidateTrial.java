package org.nnx.codesign;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.plugin.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * A configuration a codesign measures, as metrics see it: its network and parameters, the codesign's
 * seed, and, for the chosen design's training only, the samples experiment's data and training
 * settings.
 */
public final class CandidateTrial implements TrialContext {

  private final String codesign;
  private final String family;
  private final Network network;
  private final Parameters parameters;
  private final long seed;
  private final Supplier<Dataset> data;
  private final Parameters training;
  private final Map<String, Object> shared = new HashMap<>();

  /**
   * @param codesign the codesign's name
   * @param family the family's name
   * @param network the configuration's network
   * @param parameters its parameters
   * @param seed the seed of everything random in measuring it (e.g. initial weights)
   * @param data the data set, or {@code null} when the metric needs only the architecture
   * @param training the training settings
   */
  public CandidateTrial(String codesign, String family, Network network, Parameters parameters, long seed,
      Supplier<Dataset> data, Parameters training) {
    this.codesign = codesign;
    this.family = family;
    this.network = network;
    this.parameters = parameters;
    this.seed = seed;
    this.data = data;
    this.training = training;
  }

  @Override
  public String experiment() {
    return codesign;
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
    return codesign;
  }

  @Override
  public String family() {
    return family;
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
    if (data == null) {
      throw new IllegalStateException("codesign " + codesign + " measures candidates without data");
    }
    return data.get();
  }

  @Override
  public Parameters training() {
    return training;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> supplier) {
    return (T) shared.computeIfAbsent(key, k -> supplier.get());
  }
}
