package org.nnx.model;

import org.nnx.ir.Network;

/**
 * Turns a network and its weights into an {@link Inference}. The framework's {@link
 * ReferenceInference} runs the {@link Interpreter}; a plugin may register a faster engine (DL4J's
 * compiled graphs), which {@link TrainedModel} then uses.
 */
public interface InferenceEngine {

  /** A short name, e.g. {@code dl4j}. */
  String name();

  /**
   * Prepares a network for inference.
   *
   * @throws IllegalArgumentException if the weights do not fit the network or the engine cannot
   *     run one of its ops
   */
  Inference compile(Network network, NetworkWeights weights);
}
