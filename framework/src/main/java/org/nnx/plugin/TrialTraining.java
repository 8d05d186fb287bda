package org.nnx.plugin;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.InferenceEngine;
import org.nnx.model.NetworkWeights;
import org.nnx.model.TrainedModel;
import org.nnx.model.TrainingRun;
import org.nnx.param.Parameters;

/**
 * The training of one trial repeat, done at most once, on first need: what {@link
 * TrialContext#trainingRun()} and {@link TrialContext#trainedModel()} return. A run found in the
 * result store ({@code known}) is used instead of training; otherwise the installed {@link Trainer}
 * trains, and {@link #trainedHere()} tells the runner to keep the new weights.
 *
 * <p>Thread-safe. Close it when the trial ends, to free the trained network's inference.
 */
public final class TrialTraining implements AutoCloseable {

  private static final org.apache.logging.log4j.Logger LOG =
      org.apache.logging.log4j.LogManager.getLogger(TrialTraining.class);

  private final Supplier<Network> network;
  private final Supplier<Dataset> data;
  private final Parameters settings;
  private final long seed;
  private final Optional<Trainer> trainer;
  private final InferenceEngine engine;
  private final Supplier<Optional<NetworkWeights>> start;
  private final boolean startIsTrained;
  private final TrialInputs inputs;
  private TrainingRun run;
  private TrainedModel model;
  private boolean trainedHere;

  /**
   * @param network the trial's network
   * @param data the trial's data set
   * @param settings the trial's checked training settings
   * @param seed the trial repeat's seed
   * @param trainer the installed trainer, if any
   * @param engine how trained models classify
   * @param known a training run of exactly this trial found in the result store, if any
   * @param start weights to start training from instead of the initialization, if any (read on
   *     first need)
   * @param startIsTrained whether {@code start} is the trained model itself, used as it is: no
   *     training, a run with no loss and no time ({@code weights W} in an architecture declaration)
   * @param inputs how the data reach the network: the trainer gets the encoded data set and the
   *     minibatch transform, and the trained model encodes every input it classifies
   */
  public TrialTraining(Supplier<Network> network, Supplier<Dataset> data, Parameters settings, long seed,
      Optional<Trainer> trainer, InferenceEngine engine, Optional<TrainingRun> known,
      Supplier<Optional<NetworkWeights>> start, boolean startIsTrained, TrialInputs inputs) {
    this.network = Objects.requireNonNull(network);
    this.data = Objects.requireNonNull(data);
    this.settings = Objects.requireNonNull(settings);
    this.seed = seed;
    this.trainer = Objects.requireNonNull(trainer);
    this.engine = Objects.requireNonNull(engine);
    this.start = Objects.requireNonNull(start);
    this.startIsTrained = startIsTrained;
    this.inputs = Objects.requireNonNull(inputs);
    this.run = known.orElse(null);
  }

  /**
   * The training run: the known one, or a new training by the trainer.
   *
   * @throws IllegalStateException if no trainer is installed
   */
  public synchronized TrainingRun run() {
    if (run == null && startIsTrained) {
      NetworkWeights given = start.get().orElseThrow(() -> new IllegalStateException("no weights were given"));
      run = new TrainingRun(given, Double.NaN, 0, 0, 0, 0);
    }
    if (run == null) {
      Trainer t = trainer.orElseThrow(() -> new IllegalStateException(
          "no trainer plugin is installed to train this trial (see ./nnx plugins)"));
      Network n = network.get();
      LOG.info("training {} ({} parameters) with {}", n.family(), n.parameters(), t.name());
      Trainer.Result result = t.train(n, inputs.encoding().encode(data.get()), settings, seed, start.get(),
          inputs.batches());
      run = result.run();
      trainedHere = true;
      model = result.inference() == null ? new TrainedModel(n, run.weights(), engine, inputs.encoding())
          : new TrainedModel(n, run.weights(), engine, inputs.encoding(), result.inference());
    }
    return run;
  }

  /** The trained model of {@link #run()}. */
  public synchronized TrainedModel model() {
    TrainingRun r = run();
    if (model == null) {
      model = new TrainedModel(network.get(), r.weights(), engine, inputs.encoding());
    }
    return model;
  }

  /** Whether this object trained (rather than reusing a known run or never training). */
  public synchronized boolean trainedHere() {
    return trainedHere;
  }

  /** The run if there is one by now (known or trained), without training. */
  public synchronized Optional<TrainingRun> current() {
    return Optional.ofNullable(run);
  }

  @Override
  public synchronized void close() {
    if (model != null) {
      model.close();
    }
  }
}
