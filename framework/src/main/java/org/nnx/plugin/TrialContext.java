package org.nnx.plugin;

import java.util.function.Supplier;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.TrainedModel;
import org.nnx.model.TrainingRun;
import org.nnx.param.Parameters;

/** One trial as a metric sees it: an architecture with concrete parameters, a repeat and a seed. */
public interface TrialContext {

  /** The experiment's name. */
  String experiment();

  /** The trial's index in the experiment, from 0, in trial order. */
  int index();

  /** The repeat, from 0 to {@code repeats - 1}. */
  int repeat();

  /** The trial's derived seed (from the experiment seed, the trial index and the repeat). */
  long seed();

  /** The label of the architecture declaration, e.g. {@code mlp}. */
  String architecture();

  /** The family name, e.g. {@code dense_mlp}. */
  String family();

  /** The architecture's concrete parameters. */
  Parameters parameters();

  /** The network, built once per trial from the trial's seed. */
  Network network();

  /**
   * The experiment's data set ({@code data ...}), loaded once per run.
   *
   * @throws IllegalStateException if the experiment declares no data; the framework checks this
   *     before running for every metric that lists {@link Requirement#DATA} or {@link
   *     Requirement#TRAINED_MODEL}
   */
  Dataset data();

  /**
   * The trial's checked {@code train { ... }} settings, defaults filled in (a swept setting takes
   * this trial's value).
   */
  Parameters training();

  /**
   * The trial repeat's training run with its {@link #training()} settings: trained once, on the
   * first call, by the installed {@link Trainer}, or read from the result store when this trial
   * repeat was trained before with the same settings, data, seed and trainer version.
   *
   * @throws IllegalStateException if no trainer is installed or the trial has no data
   */
  TrainingRun trainingRun();

  /**
   * The checked values of the {@code train} settings that plugins' {@link TrainingInput}s handle,
   * by name (e.g. {@code ablation}); empty when the trial has none.
   */
  default Parameters trainingInputs() {
    return new Parameters(java.util.Map.of());
  }

  /** The trained model of {@link #trainingRun()}: the network with its trained weights. */
  TrainedModel trainedModel();

  /**
   * A value shared by the metrics of this trial, computed once: e.g. a trained model that several
   * metrics read.
   */
  <T> T shared(String key, Supplier<T> supplier);
}
