package org.nnx.dl4j;

import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * Networks laid out as the perturbation plugin's {@code mlp} family builds them (this module cannot
 * depend on that plugin): layer 0 {@code dense -> act}; hidden layers {@code dense -> act}, then for
 * a residual layer {@code add(act, scale(ε)(h))} ({@code add(act, h)} when {@code ε = 1}) and for a
 * dense layer {@code concat(h, act)}; a linear classifier.
 */
final class MlpNetworks {

  /** The skip link of the hidden layers. */
  enum Skip { NONE, RESIDUAL, DENSE }

  private MlpNetworks() {}

  /**
   * Builds the network.
   *
   * @param skip the skip link of the hidden layers
   * @param epsilon the scale of a residual layer's identity
   * @param width units per hidden layer
   * @param depth dense layers, the stem and the classifier included, at least 3
   * @param inputs input features
   * @param classes outputs
   * @param activation the activation of every layer but the classifier
   */
  static Network build(Skip skip, double epsilon, int width, int depth, int inputs, int classes,
      Activation activation) {
    NetworkBuilder b = new NetworkBuilder("mlp", TensorShape.vector(inputs));
    int h = b.add("layer0.dense", new Op.Dense(inputs, width, true), 0);
    h = b.add("layer0.act", new Op.Act(activation), h);
    for (int i = 1; i <= depth - 2; i++) {
      int features = Math.toIntExact(b.shape(h).size());
      int z = b.add("layer" + i + ".dense", new Op.Dense(features, width, true), h);
      int a = b.add("layer" + i + ".act", new Op.Act(activation), z);
      switch (skip) {
        case NONE -> h = a;
        case RESIDUAL -> {
          int identity = epsilon == 1.0 ? h : b.add("layer" + i + ".scale", new Op.Scale(epsilon), h);
          h = b.add("layer" + i + ".add", new Op.Add(), a, identity);
        }
        case DENSE -> h = b.add("layer" + i + ".concat", new Op.Concat(), h, a);
      }
    }
    b.add("classifier", new Op.Dense(Math.toIntExact(b.shape(h).size()), classes, true), h);
    return b.build();
  }
}
