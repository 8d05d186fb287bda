package org.nnx.model;

import java.util.Objects;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;

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
  private final NetworkWeights weights;
  private final InferenceEngine engine;
  private Inference inference;

  /**
   * @param network the network
   * @param weights its weights
   * @param engine how to run it
   */
  public TrainedModel(Network network, NetworkWeights weights, InferenceEngine engine) {
    this.network = Objects.requireNonNull(network);
    this.weights = Objects.requireNonNull(weights);
    this.engine = Objects.requireNonNull(engine);
  }

  /**
   * A model that runs on an inference already built for it (e.g. the graph the trainer just
   * trained), which it closes when it is closed.
   */
  public TrainedModel(Network network, NetworkWeights weights, InferenceEngine engine, Inference ready) {
    this(network, weights, engine);
    this.inference = ready;
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
   * The class probabilities of a batch; see {@link Inference#probabilities}.
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
   * Accuracy and mean cross entropy on the first {@code examples} examples of {@code split}, from the
   * single-precision probabilities, accumulated in double precision.
   *
   * @param examples how many, in {@code [1, split.size()]}
   * @throws IllegalArgumentException if the split is too small or its examples do not fit the network
   */
  public Evaluation evaluate(Dataset.Split split, int examples) {
    if (examples < 1 || examples > split.size()) {
      throw new IllegalArgumentException("cannot evaluate " + examples + " of " + split.size() + " examples");
    }
    int size = Math.toIntExact(network.input().size());
    if ((long) split.size() * size != split.features().length) {
      throw new IllegalArgumentException("the examples have " + split.features().length / Math.max(1, split.size())
          + " values each, the network takes " + size);
    }
    int classes = Math.toIntExact(network.output().size());
    long correct = 0;
    double loss = 0;
    float[] batch = new float[Math.min(EVALUATION_BATCH, examples) * size];
    for (int start = 0; start < examples; start += EVALUATION_BATCH) {
      int n = Math.min(EVALUATION_BATCH, examples - start);
      System.arraycopy(split.features(), start * size, batch, 0, n * size);
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
