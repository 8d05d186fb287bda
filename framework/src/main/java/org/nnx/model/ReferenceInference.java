package org.nnx.model;

import org.nnx.ir.Network;

/**
 * The {@link InferenceEngine} of the framework itself: the {@link Interpreter}, one example at a
 * time, the softmax taken in double precision and rounded to single precision.
 */
public final class ReferenceInference implements InferenceEngine {

  /** Its name. */
  public static final String NAME = "reference";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Inference compile(Network network, NetworkWeights weights) {
    Interpreter interpreter = new Interpreter(network, weights);
    int classes = Math.toIntExact(network.output().size());
    return (features, examples) -> {
      float[] out = new float[Math.multiplyExact(examples, classes)];
      for (int e = 0; e < examples; e++) {
        interpreter.forward(features, e);
        double[] logits = interpreter.output();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
          max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
          sum += Math.exp(v - max);
        }
        for (int c = 0; c < classes; c++) {
          out[e * classes + c] = (float) (Math.exp(logits[c] - max) / sum);
        }
      }
      return out;
    };
  }
}
