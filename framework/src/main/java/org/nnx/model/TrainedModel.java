package org.nnx.model;

import java.util.List;
import java.util.Objects;
import org.nnx.data.Dataset;
import org.nnx.data.InputEncoding;
import org.nnx.ir.Network;
import org.nnx.ir.TensorShape;

/**
 * A network with weights — trained, or loaded from files — and the means to classify with it. The
 * value is the network and its {@link NetworkWeights}; the inference it runs on is built on first
 * use by the engine it was made with and kept until {@link #close()}.
 *
 * <p>Thread-safe: batches are classified one at a time.
 */
public final class TrainedModel implements AutoCloseable {

  /** Test examples classified per batch in {@link #evaluate}. */
  public static final int EVALUATION_BATCH = 1000;

  private final Network network;
  private NetworkWeights weights;
  private final InferenceEngine engine;
  private final InputEncoding encoding;
  private Inference inference;

  /**
   * A model that takes the data's examples as they are.
   *
   * @param network the network
   * @param weights its weights
   * @param engine how to run it
   */
  public TrainedModel(Network network, NetworkWeights weights, InferenceEngine engine) {
    this(network, weights, engine, InputEncoding.NONE);
  }

  /**
   * @param network the network
   * @param weights its weights
   * @param engine how to run it
   * @param encoding how {@link #evaluate} encodes the data's examples into the network's inputs
   */
  public TrainedModel(Network network, NetworkWeights weights, InferenceEngine engine, InputEncoding encoding) {
    this.network = Objects.requireNonNull(network);
    this.weights = Objects.requireNonNull(weights);
    this.engine = Objects.requireNonNull(engine);
    this.encoding = Objects.requireNonNull(encoding);
  }

  /**
   * A model that runs on an inference already built for it (e.g. the graph the trainer just
   * trained), which it closes when it is closed.
   */
  public TrainedModel(Network network, NetworkWeights weights, InferenceEngine engine, Inference ready) {
    this(network, weights, engine, InputEncoding.NONE, ready);
  }

  /** A model with an encoding that runs on an inference already built for it. */
  public TrainedModel(Network network, NetworkWeights weights, InferenceEngine engine, InputEncoding encoding,
      Inference ready) {
    this(network, weights, engine, encoding);
    this.inference = ready;
  }

  /**
   * A model of the same network, encoding and engine with other weights of the same shapes, compiled
   * when first used; this model is not changed. Close it when done.
   *
   * @throws IllegalArgumentException if the weights do not fit the network
   */
  public TrainedModel withWeights(NetworkWeights other) {
    List<String> wrong = other.mismatches(network);
    if (!wrong.isEmpty()) {
      throw new IllegalArgumentException("the weights do not fit the network: " + String.join("; ", wrong));
    }
    return new TrainedModel(network, other, engine, encoding);
  }

  /**
   * Replaces this model's weights by others of the same shapes without recompiling the network when
   * its engine allows (e.g. DL4J's parameter arrays are overwritten): what a metric that evaluates
   * many perturbed copies of the weights needs. Use it on a model of its own ({@link #withWeights}),
   * never on a trial's shared trained model.
   *
   * @throws IllegalArgumentException if the weights do not fit the network
   */
  public synchronized void load(NetworkWeights other) {
    List<String> wrong = other.mismatches(network);
    if (!wrong.isEmpty()) {
      throw new IllegalArgumentException("the weights do not fit the network: " + String.join("; ", wrong));
    }
    weights = other;
    if (inference != null && !inference.load(other)) {
      inference.close();
      inference = null;
    }
  }

  /** How the data's examples become the network's inputs. */
  public InputEncoding encoding() {
    return encoding;
  }

  /** The network. */
  public Network network() {
    return network;
  }

  /** The weights. */
  public NetworkWeights weights() {
    return weights;
  }

  /**
   * The class probabilities of a batch of network inputs (already encoded); see {@link
   * Inference#probabilities}.
   *
   * @throws IllegalArgumentException if {@code features} holds fewer than {@code examples} examples
   */
  public synchronized float[] probabilities(float[] features, int examples) {
    long needed = (long) examples * network.input().size();
    if (examples < 1 || features.length < needed) {
      throw new IllegalArgumentException("a batch of " + examples + " examples needs " + needed + " values, got "
          + features.length);
    }
    if (inference == null) {
      inference = engine.compile(network, weights);
    }
    return inference.probabilities(features, examples);
  }

  /**
   * Accuracy and mean cross entropy on the first {@code examples} examples of {@code split} (of the
   * data set, encoded by {@link #encoding()} on the way), from the single-precision probabilities,
   * accumulated in double precision.
   *
   * @param split examples of shape {@code example}
   * @param example the shape of one of the split's examples
   * @param examples how many, in {@code [1, split.size()]}
   * @throws IllegalArgumentException if the split is too small or its encoded examples do not fit the
   *     network
   */
  public Evaluation evaluate(Dataset.Split split, TensorShape example, int examples) {
    if (examples < 1 || examples > split.size()) {
      throw new IllegalArgumentException("cannot evaluate " + examples + " of " + split.size() + " examples");
    }
    int size = Math.toIntExact(network.input().size());
    int raw = Math.toIntExact(example.size());
    if ((long) split.size() * raw != split.features().length || encoding.shape(example).size() != size) {
      throw new IllegalArgumentException("the examples are " + example + (encoding == InputEncoding.NONE ? ""
          + ", encoded " + encoding.shape(example) : "") + ", the network takes " + network.input());
    }
    int classes = Math.toIntExact(network.output().size());
    long correct = 0;
    double loss = 0;
    float[] batch = new float[Math.min(EVALUATION_BATCH, examples) * size];
    for (int start = 0; start < examples; start += EVALUATION_BATCH) {
      int n = Math.min(EVALUATION_BATCH, examples - start);
      for (int e = 0; e < n; e++) {
        encoding.encode(split.features(), (start + e) * raw, batch, e * size, example);
      }
      float[] p = probabilities(batch, n);
      for (int e = 0; e < n; e++) {
        int label = split.labels()[start + e];
        int best = 0;
        for (int c = 1; c < classes; c++) {
          if (p[e * classes + c] > p[e * classes + best]) {
            best = c;
          }
        }
        correct += best == label ? 1 : 0;
        loss -= Math.log(Math.max(p[e * classes + label], Float.MIN_VALUE));
      }
    }
    return new Evaluation((double) correct / examples, loss / examples, examples);
  }

  /** Frees the inference, if one was built. */
  @Override
  public synchronized void close() {
    if (inference != null) {
      inference.close();
      inference = null;
    }
  }
}
