package org.nnx.experiment;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.InferenceEngine;
import org.nnx.model.TrainedModel;
import org.nnx.model.TrainingRun;
import org.nnx.param.Parameters;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.Trainer;
import org.nnx.plugin.TrialContext;
import org.nnx.plugin.TrialTraining;
import org.nnx.weights.WeightsSource;

/** The {@link TrialContext} of one repeat of one trial; not shared between threads. */
final class TrialRun implements TrialContext, AutoCloseable {

  private final Experiment experiment;
  private final Trial trial;
  private final int repeat;
  private final Supplier<Dataset> data;
  private final Map<String, Object> shared = new HashMap<>();
  private final TrialTraining training;
  private Network network;

  /**
   * @param data the experiment's data set, loaded on first use
   * @param trainer the installed trainer, if any
   * @param engine how trained models classify
   * @param known a kept training run of this trial repeat, if any
   */
  TrialRun(Experiment experiment, Trial trial, int repeat, Supplier<Dataset> data, Optional<Trainer> trainer,
      InferenceEngine engine, Optional<TrainingRun> known) {
    this.experiment = experiment;
    this.trial = trial;
    this.repeat = repeat;
    this.data = data;
    this.training = new TrialTraining(this::network, this::data, trial.training(), seed(), trainer, engine, known,
        () -> trial.weights().map(WeightsSource::load), trial.usesLoadedWeights(), trial.inputs());
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
    return trial.training();
  }

  @Override
  public Parameters trainingInputs() {
    return trial.inputSettings();
  }

  @Override
  public TrainingRun trainingRun() {
    return training.run();
  }

  @Override
  public TrainedModel trainedModel() {
    return training.model();
  }

  /** The training run this trial made (not one it was given), if it trained. */
  Optional<TrainingRun> trained() {
    return training.trainedHere() ? training.current() : Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> supplier) {
    return (T) shared.computeIfAbsent(key, k -> supplier.get());
  }

  @Override
  public void close() {
    training.close();
  }
}
