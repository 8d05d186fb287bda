package org.nnx.plugin;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.InferenceEngine;
import org.nnx.model.ReferenceInference;
import org.nnx.model.TrainedModel;
import org.nnx.model.TrainingRun;
import org.nnx.param.Parameters;

/**
 * A {@link TrialContext} whose values are given up front: a network, its parameters, a seed and,
 * optionally, a data set, training settings, names, an index and a repeat. The codesign measures its
 * configurations through one, and plugin authors can hand one to a metric in tests.
 *
 * <p>Instances are immutable apart from the {@link #shared(String, Supplier) shared} values, which
 * they compute once per key and keep; all methods are thread-safe.
 *
 * <pre>{@code
 * TrialContext trial = FixedTrialContext.builder(network)
 *     .parameters(parameters)
 *     .seed(7)
 *     .data(() -> dataset)
 *     .build();
 * }</pre>
 */
public final class FixedTrialContext implements TrialContext, AutoCloseable {

  private final String experiment;
  private final int index;
  private final int repeat;
  private final long seed;
  private final String architecture;
  private final String family;
  private final Parameters parameters;
  private final Network network;
  private final Supplier<Dataset> data;
  private final Parameters training;
  private final TrialTraining trained;
  private final Map<String, Object> shared = new HashMap<>();

  private FixedTrialContext(Builder b) {
    this.network = b.network;
    this.family = b.family != null ? b.family : b.network.family();
    this.architecture = b.architecture != null ? b.architecture : family;
    this.experiment = b.experiment != null ? b.experiment : architecture;
    this.index = b.index;
    this.repeat = b.repeat;
    this.seed = b.seed;
    this.parameters = b.parameters;
    this.data = b.data;
    this.training = b.training;
    this.trained = new TrialTraining(() -> network, this::data, training, seed, Optional.ofNullable(b.trainer),
        b.engine, Optional.ofNullable(b.run), Optional::empty, false, b.inputs);
  }

  /**
   * A trial of {@code network} with no parameters, seed 0, no data and every other value at its
   * {@link Builder} default.
   *
   * @param network the trial's network
   * @return the trial
   */
  public static FixedTrialContext of(Network network) {
    return builder(network).build();
  }

  /**
   * A trial of {@code network}, built from {@code parameters} with {@code seed}; no data, and every
   * other value at its {@link Builder} default.
   *
   * @param network the trial's network
   * @param parameters the architecture's parameters the network was built from
   * @param seed the trial's seed
   * @return the trial
   */
  public static FixedTrialContext of(Network network, Parameters parameters, long seed) {
    return builder(network).parameters(parameters).seed(seed).build();
  }

  /**
   * A builder of a trial of {@code network}.
   *
   * @param network the trial's network
   * @return a builder with every other value at its default
   */
  public static Builder builder(Network network) {
    return new Builder(network);
  }

  /** The experiment's name given to the {@link Builder}; by default the architecture's label. */
  @Override
  public String experiment() {
    return experiment;
  }

  /** The index given to the {@link Builder}; by default 0. */
  @Override
  public int index() {
    return index;
  }

  /** The repeat given to the {@link Builder}; by default 0. */
  @Override
  public int repeat() {
    return repeat;
  }

  /** The seed given to the {@link Builder}; by default 0. */
  @Override
  public long seed() {
    return seed;
  }

  /** The architecture's label given to the {@link Builder}; by default the family's name. */
  @Override
  public String architecture() {
    return architecture;
  }

  /** The family's name given to the {@link Builder}; by default the network's {@link Network#family()}. */
  @Override
  public String family() {
    return family;
  }

  /** The parameters given to the {@link Builder}; by default none. */
  @Override
  public Parameters parameters() {
    return parameters;
  }

  /** The network given to {@link #builder(Network)}. */
  @Override
  public Network network() {
    return network;
  }

  /**
   * The data set given to the {@link Builder}; a supplier given there is called by every call of
   * this method, and only then.
   *
   * @throws IllegalStateException if the trial was given no data
   */
  @Override
  public Dataset data() {
    if (data == null) {
      throw new IllegalStateException("this trial of " + experiment + " has no data");
    }
    return data.get();
  }

  /** The training settings given to the {@link Builder}; by default none. */
  @Override
  public Parameters training() {
    return training;
  }

  /**
   * The training run given to the {@link Builder}, or else a training by the trainer given there
   * (once, on the first call).
   *
   * @throws IllegalStateException if the builder was given neither
   */
  @Override
  public TrainingRun trainingRun() {
    return trained.run();
  }

  /** The model of {@link #trainingRun()}, classifying with the builder's inference engine. */
  @Override
  public TrainedModel trainedModel() {
    return trained.model();
  }

  /** Frees the trained model's inference, if one was built. */
  @Override
  public void close() {
    trained.close();
  }

  /** The training run this trial trained itself (not one it was given), if it trained. */
  public Optional<TrainingRun> trainedHere() {
    return trained.trainedHere() ? trained.current() : Optional.empty();
  }

  /**
   * The value kept under {@code key}, computed by {@code supplier} on the first call with that key.
   * As with {@link Map#computeIfAbsent}, a {@code null} result is not kept, and {@code supplier} may
   * not call this method itself. Calls are serialized, so concurrent calls with one key compute its
   * value once.
   */
  @Override
  @SuppressWarnings("unchecked")
  public synchronized <T> T shared(String key, Supplier<T> supplier) {
    return (T) shared.computeIfAbsent(key, k -> supplier.get());
  }

  /** The values of a {@link FixedTrialContext}; each setter replaces a default and returns this builder. */
  public static final class Builder {

    private final Network network;
    private String experiment;
    private int index;
    private int repeat;
    private long seed;
    private String architecture;
    private String family;
    private Parameters parameters = new Parameters(Map.of());
    private Supplier<Dataset> data;
    private Parameters training = new Parameters(Map.of());
    private Trainer trainer;
    private TrainingRun run;
    private InferenceEngine engine = new ReferenceInference();
    private TrialInputs inputs = TrialInputs.NONE;

    private Builder(Network network) {
      this.network = Objects.requireNonNull(network, "network");
    }

    /**
     * @param experiment the experiment's name; by default the architecture's label
     * @return this builder
     */
    public Builder experiment(String experiment) {
      this.experiment = Objects.requireNonNull(experiment, "experiment");
      return this;
    }

    /**
     * @param index the trial's index in its experiment, from 0; by default 0
     * @return this builder
     */
    public Builder index(int index) {
      this.index = index;
      return this;
    }

    /**
     * @param repeat the repeat, from 0; by default 0
     * @return this builder
     */
    public Builder repeat(int repeat) {
      this.repeat = repeat;
      return this;
    }

    /**
     * @param seed the trial's seed; by default 0
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @param architecture the architecture's label; by default the family's name
     * @return this builder
     */
    public Builder architecture(String architecture) {
      this.architecture = Objects.requireNonNull(architecture, "architecture");
      return this;
    }

    /**
     * @param family the family's name; by default the network's {@link Network#family()}
     * @return this builder
     */
    public Builder family(String family) {
      this.family = Objects.requireNonNull(family, "family");
      return this;
    }

    /**
     * @param parameters the architecture's parameters; by default none
     * @return this builder
     */
    public Builder parameters(Parameters parameters) {
      this.parameters = Objects.requireNonNull(parameters, "parameters");
      return this;
    }

    /**
     * @param data the data set; by default none, and {@link FixedTrialContext#data()} fails
     * @return this builder
     */
    public Builder data(Dataset data) {
      Objects.requireNonNull(data, "data");
      this.data = () -> data;
      return this;
    }

    /**
     * @param data the data set's supplier, called by every {@link FixedTrialContext#data()} and not
     *     before; by default none, and {@link FixedTrialContext#data()} fails
     * @return this builder
     */
    public Builder data(Supplier<Dataset> data) {
      this.data = Objects.requireNonNull(data, "data");
      return this;
    }

    /**
     * @param training the training settings; by default none
     * @return this builder
     */
    public Builder training(Parameters training) {
      this.training = Objects.requireNonNull(training, "training");
      return this;
    }

    /**
     * @param trainer trains the network when a metric first asks for the trained model; by default
     *     none
     * @return this builder
     */
    public Builder trainer(Trainer trainer) {
      this.trainer = Objects.requireNonNull(trainer, "trainer");
      return this;
    }

    /**
     * @param run the training run (e.g. of loaded weights) the trial's trained model is made of; by
     *     default none, and the trainer trains
     * @return this builder
     */
    public Builder trainingRun(TrainingRun run) {
      this.run = Objects.requireNonNull(run, "run");
      return this;
    }

    /**
     * @param engine how the trained model classifies; by default the reference interpreter
     * @return this builder
     */
    public Builder inference(InferenceEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /**
     * @param inputs how the data reach the network (the trainer's and the trained model's encoding,
     *     the minibatch transform); by default the data as they are
     * @return this builder
     */
    public Builder inputs(TrialInputs inputs) {
      this.inputs = Objects.requireNonNull(inputs, "inputs");
      return this;
    }

    /** @return a trial with this builder's values */
    public FixedTrialContext build() {
      return new FixedTrialContext(this);
    }
  }
}
