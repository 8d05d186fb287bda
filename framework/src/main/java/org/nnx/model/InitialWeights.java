package org.nnx.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;

/**
 * The one definition of a network's initial weights in nnx: what the trainer starts from and what
 * every metric at initialization measures. Node {@code i}'s values come from {@link
 * TorchDefaultInit#stream}{@code (weightsSeed, i)}, its weight first (in PyTorch's layout, see
 * {@link NetworkWeights}) and then its bias, so a seed always gives the same values and one node's
 * values do not depend on the other nodes. Batch normalization starts with scale 1, shift 0, running
 * mean 0 and running variance 1, as in PyTorch.
 */
public final class InitialWeights {

  private InitialWeights() {}

  /**
   * PyTorch's default initialization ({@link InitScheme#UNIFORM_FAN_IN}).
   *
   * @param weightsSeed the weights' seed, {@code Seeds.derive(trialSeed, Seeds.WEIGHTS)}
   */
  public static NetworkWeights draw(Network network, long weightsSeed) {
    return draw(network, InitScheme.UNIFORM_FAN_IN, weightsSeed);
  }

  /**
   * Initializes every dense, convolution and batch-norm node of {@code network}.
   *
   * @param scheme how dense and convolution weights are drawn
   * @param weightsSeed the weights' seed, {@code Seeds.derive(trialSeed, Seeds.WEIGHTS)}
   * @return the weights; their {@link NetworkWeights#trainableCount()} equals {@code
   *     network.parameters()}
   * @throws ArithmeticException if a layer holds more than {@code 2^31 - 1} weights
   */
  public static NetworkWeights draw(Network network, InitScheme scheme, long weightsSeed) {
    NetworkWeights.Builder out = NetworkWeights.builder();
    for (Node node : network.nodes()) {
      SplittableRandom random = TorchDefaultInit.stream(weightsSeed, node.id());
      if (node.op() instanceof Op.Dense d) {
        layer(out, node.id(), random, scheme, d.in(), d.out(), new int[] {d.out(), d.in()}, d.bias());
      } else if (node.op() instanceof Op.Conv2d c) {
        long k2 = (long) c.kernel() * c.kernel();
        layer(out, node.id(), random, scheme, k2 * (c.in() / c.groups()), k2 * c.out(),
            new int[] {c.out(), c.in() / c.groups(), c.kernel(), c.kernel()}, c.bias());
      } else if (node.op() instanceof Op.BatchNorm b) {
        int[] shape = {b.channels()};
        float[] ones = new float[b.channels()];
        Arrays.fill(ones, 1f);
        out.put(node.id(), NetworkWeights.WEIGHT, shape, ones);
        out.put(node.id(), NetworkWeights.BIAS, shape, new float[b.channels()]);
        out.put(node.id(), NetworkWeights.RUNNING_MEAN, shape, new float[b.channels()]);
        out.put(node.id(), NetworkWeights.RUNNING_VAR, shape, ones.clone());
      }
    }
    return out.build();
  }

  /**
   * Draws one layer's weight and bias.
   *
   * @param fanIn inputs per output, {@code in * k * k / groups}
   * @param fanOut {@code out * k * k}
   */
  private static void layer(NetworkWeights.Builder out, int id, SplittableRandom random, InitScheme scheme,
      long fanIn, long fanOut, int[] shape, boolean bias) {
    int count = Math.toIntExact(Tensor.size(shape));
    int biases = bias ? shape[0] : 0;
    float[] w;
    float[] b;
    switch (scheme) {
      case UNIFORM_FAN_IN -> {
        w = TorchDefaultInit.uniform(random, count, fanIn);
        b = TorchDefaultInit.uniform(random, biases, fanIn);
      }
      case XAVIER -> {
        w = TorchDefaultInit.uniformIn(random, count, Math.sqrt(6.0 / (fanIn + fanOut)));
        b = new float[biases];
      }
      default -> {
        double std = Math.sqrt(2.0 / fanIn);
        w = new float[count];
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) (std * random.nextGaussian());
        }
        b = new float[biases];
      }
    }
    out.put(id, NetworkWeights.WEIGHT, shape, w);
    if (bias) {
      out.put(id, NetworkWeights.BIAS, new int[] {shape[0]}, b);
    }
  }
}
