package org.nnx.dl4j;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.plugin.TorchDefaultInit;

/**
 * Draws the initial parameters of a network with an {@link InitScheme}: node {@code i}'s values
 * come from {@link TorchDefaultInit#stream}{@code (seed, i)}, weights first (in PyTorch's layout,
 * see {@link InitialWeights}) and then biases, so a seed always gives the same values and one
 * node's values do not depend on the other nodes. {@link InitScheme#UNIFORM_FAN_IN} is {@link
 * TorchDefaultInit}, the initialization the perturbation metrics and proxies measure.
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
      SplittableRandom random = TorchDefaultInit.stream(seed, node.id());
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
    int count = Math.toIntExact(weights);
    return switch (scheme) {
      case UNIFORM_FAN_IN -> {
        float[] w = TorchDefaultInit.uniform(random, count, fanIn);
        yield new InitialWeights.Layer(w, TorchDefaultInit.uniform(random, biases, fanIn));
      }
      case XAVIER -> new InitialWeights.Layer(
          TorchDefaultInit.uniformIn(random, count, Math.sqrt(6.0 / (fanIn + fanOut))), new float[biases]);
      case HE -> {
        double std = Math.sqrt(2.0 / fanIn);
        float[] w = new float[count];
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) (std * random.nextGaussian());
        }
        yield new InitialWeights.Layer(w, new float[biases]);
      }
    };
  }
}
