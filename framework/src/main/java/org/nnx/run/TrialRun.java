package org.nnx.run;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nnx.data.Dataset;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.Trial;
import org.nnx.ir.Network;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.Parameters;
import org.nnx.plugin.TrialContext;

/** The {@link TrialContext} of one repeat of one trial; not shared between threads. */
final class TrialRun implements TrialContext {

  private final Experiment experiment;
  private final Trial trial;
  private final int repeat;
  private final Supplier<Dataset> data;
  private final Map<String, Object> shared = new HashMap<>();
  private Network network;

  TrialRun(Experiment experiment, Trial trial, int repeat, Supplier<Dataset> data) {
    this.experiment = experiment;
    this.trial = trial;
    this.repeat = repeat;
    this.data = data;
  }

  @Override
  public String experiment() {
    return experiment.name();
  }

  @Override
  public int index() {
    return trial.index();
  }

  @Override
  public int repeat() {
    return repeat;
  }

  @Override
  public long seed() {
    return experiment.trialSeed(trial.index(), repeat);
  }

  @Override
  public String architecture() {
    return trial.architecture();
  }

  @Override
  public String family() {
    return trial.family().name();
  }

  @Override
  public Parameters parameters() {
    return trial.parameters();
  }

  @Override
  public Network network() {
    if (network == null) {
      network = trial.family().build(trial.parameters(), new BuildContext(seed()));
    }
    return network;
  }

  @Override
  public Dataset data() {
    if (experiment.data().isEmpty()) {
      throw new IllegalStateException("experiment " + experiment.name() + " declares no data");
    }
    return data.get();
  }

  @Override
  public Parameters training() {
    return experiment.training();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> supplier) {
    return (T) shared.computeIfAbsent(key, k -> supplier.get());
  }
}
