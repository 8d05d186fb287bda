package org.nnx.model;

/**
 * A network with fixed weights, ready to classify batches of examples: what an {@link
 * InferenceEngine} makes of a {@link TrainedModel}. Implementations may hold native memory; close
 * them when done. Not thread-safe.
 */
public interface Inference extends AutoCloseable {

  /**
   * The class probabilities (softmax of the logits) of a batch.
   *
   * @param features {@code examples} examples of the network's input size, row-major, channel-major
   *     within an example
   * @param examples how many, at least 1
   * @return {@code examples x classes} probabilities, row-major, single precision
   */
  float[] probabilities(float[] features, int examples);

  /**
   * Replaces the weights in place, keeping what was compiled (a compiled graph's parameter arrays are
   * overwritten), for weights of the same network and shapes.
   *
   * @return false when this inference cannot (the caller then compiles the new weights anew)
   * @throws IllegalArgumentException if a tensor is missing or of the wrong size
   */
  default boolean load(NetworkWeights weights) {
    return false;
  }

  /** Frees what the inference holds; the default holds nothing. */
  @Override
  default void close() {}
}
