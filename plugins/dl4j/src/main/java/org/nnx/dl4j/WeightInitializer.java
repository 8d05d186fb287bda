package org.nnx.dl4j;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;

/**
 * Draws the initial parameters of a network with an {@link InitScheme}: node {@code i}'s values
 * come from {@code new SplittableRandom(Seeds.derive(seed, i))}, weights first (in PyTorch's layout,
 * see {@link InitialWeights}) and then biases, so a seed always gives the same values and one
 * node's values do not depend on the other nodes.
 */
public final class WeightInitializer {

  private WeightInitializer() {}

  /**
   * Initializes every dense, convolution and batch-norm node of {@code network}.
   *
   * @param network the network
   * @param scheme how dense and convolution weights are drawn
   * @param seed the weights' seed (e.g. {@code Seeds.derive(trial.seed(), Seeds.WEIGHTS)})
   * @return the parameters, {@link InitialWeights#count()} equal to {@code network.parameters()}
   */
  public static InitialWeights initialize(Network network, InitScheme scheme, long seed) {
    Map<Integer, InitialWeights.Layer> layers = new HashMap<>();
    for (Node node : network.nodes()) {
      SplittableRandom random = new SplittableRandom(Seeds.derive(seed, node.id()));
      if (node.op() instanceof Op.Dense d) {
        layers.put(node.id(), draw(random, scheme, d.in(), d.out(), (long) d.in() * d.out(), d.bias() ? d.out() : 0));
      } else if (node.op() instanceof Op.Conv2d c) {
        long k2 = (long) c.kernel() * c.kernel();
        long fanIn = k2 * (c.in() / c.groups());
        long fanOut = k2 * c.out();
        layers.put(node.id(), draw(random, scheme, fanIn, fanOut, fanIn * c.out(), c.bias() ? c.out() : 0));
      } else if (node.op() instanceof Op.BatchNorm b) {
        float[] scale = new float[b.channels()];
        java.util.Arrays.fill(scale, 1f);
        layers.put(node.id(), new InitialWeights.Layer(scale, new float[b.channels()]));
      }
    }
    return new InitialWeights(layers);
  }

  /**
   * Draws {@code weights} weights and {@code biases} biases.
   *
   * @param fanIn inputs per output, {@code in * k * k / groups}
   * @param fanOut {@code out * k * k}
   */
  private static InitialWeights.Layer draw(SplittableRandom random, InitScheme scheme, long fanIn, long fanOut,
      long weights, int biases) {
    float[] w = new float[Math.toIntExact(weights)];
    float[] b = new float[biases];
    switch (scheme) {
      case UNIFORM_FAN_IN -> {
        double bound = 1 / Math.sqrt(fanIn);
        uniform(random, w, bound);
        uniform(random, b, bound);
      }
      case XAVIER -> uniform(random, w, Math.sqrt(6.0 / (fanIn + fanOut)));
      case HE -> {
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) (std * random.nextGaussian());
        }
      }
    }
    return new InitialWeights.Layer(w, b);
  }

  /** Fills {@code a} with values uniform in {@code [-bound, bound)}. */
  private static void uniform(SplittableRandom random, float[] a, double bound) {
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) ((2 * random.nextDouble() - 1) * bound);
    }
  }
}
