package org.nnx.hardware.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nnx.ir.Activation;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * The architectures {@code calibrate = measured} times: a seeded sample alternating between two
 * families, so that the fitted coefficients see both dense and convolutional work.
 *
 * <ul>
 *   <li>even samples: DenseNet-type MLPs with the NN-Mass layout (as {@code cells} builds them):
 *       1 to 3 cells of width 16 to 256 (log-uniform), depth 3 to 10 and {@code tc} 0 to twice
 *       the width, 64 to 784 inputs, 10 classes; long-range links sampled among earlier layers;
 *   <li>odd samples: small CNNs on a 3x16x16 input: 2 to 4 blocks of 3x3 convolution, batch
 *       normalization and ReLU with 8 to 48 channels, a 2x2 max pooling after the second block,
 *       global average pooling and a linear classifier to 10 classes.
 * </ul>
 */
final class CalibrationNetworks {

  private CalibrationNetworks() {}

  /** A sampled network and a short description of it. */
  record Sample(String description, Network network) {}

  /**
   * {@code count} networks drawn from {@code seed}; the same arguments give the same networks.
   *
   * @param count how many, at least 0
   * @param seed the seed
   */
  static List<Sample> sample(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(i % 2 == 0 ? mlp(random) : cnn(random));
    }
    return out;
  }

  private static int logUniform(SplittableRandom r, int lo, int hi) {
    return (int) Math.round(Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo))));
  }

  private static Sample mlp(SplittableRandom r) {
    int[] inputChoices = {64, 196, 784};
    int inputs = inputChoices[r.nextInt(inputChoices.length)];
    int cells = 1 + r.nextInt(3);
    NetworkBuilder b = new NetworkBuilder("calibration_mlp", TensorShape.vector(inputs));
    StringBuilder text = new StringBuilder("mlp(inputs = " + inputs + ", cells = [");
    int previous = 0;
    for (int c = 0; c < cells; c++) {
      int width = logUniform(r, 16, 256);
      int depth = 3 + r.nextInt(8);
      int tc = r.nextInt(2 * width + 1);
      boolean last = c == cells - 1;
      text.append(c == 0 ? "" : ", ").append("cell(").append(width).append(", ").append(depth).append(", ")
          .append(tc).append(")");
      int[] outs = new int[depth];
      int[] links = new int[depth];
      int in0 = c == 0 ? previous : b.add("c" + c + ".l0.act_in", new Op.Act(Activation.RELU), previous);
      int d0 = b.add("c" + c + ".l0.dense", new Op.Dense(Math.toIntExact(b.shape(in0).size()), width, true), in0);
      outs[0] = b.add("c" + c + ".l0.act", new Op.Act(Activation.RELU), d0);
      outs[1] = b.add("c" + c + ".l1.dense", new Op.Dense(width, width, true), outs[0]);
      for (int i = 2; i < depth; i++) {
        int candidates = (i - 1) * width;
        links[i] = Math.min(tc, candidates);
        int x = outs[i - 1];
        if (links[i] > 0) {
          int[] chosen = r.ints(0, candidates).distinct().limit(links[i]).sorted().toArray();
          int gather = b.add("c" + c + ".l" + i + ".gather", new Op.Gather(chosen), Arrays.copyOf(outs, i - 1));
          x = b.add("c" + c + ".l" + i + ".concat", new Op.Concat(), outs[i - 1], gather);
        }
        boolean classifier = last && i == depth - 1;
        if (!classifier) {
          x = b.add("c" + c + ".l" + i + ".act", new Op.Act(Activation.RELU), x);
        }
        outs[i] = b.add("c" + c + ".l" + i + ".dense", new Op.Dense(width + links[i], classifier ? 10 : width, true), x);
      }
      b.cell(new Cell.Dense(width, depth, tc, links));
      previous = outs[depth - 1];
    }
    return new Sample(text.append("])").toString(), b.build());
  }

  private static Sample cnn(SplittableRandom r) {
    int blocks = 2 + r.nextInt(3);
    NetworkBuilder b = new NetworkBuilder("calibration_cnn", new TensorShape(3, 16, 16));
    StringBuilder text = new StringBuilder("cnn(channels = [");
    int x = 0;
    int in = 3;
    for (int k = 0; k < blocks; k++) {
      int channels = logUniform(r, 8, 48);
      text.append(k == 0 ? "" : ", ").append(channels);
      x = b.add("b" + k + ".conv", new Op.Conv2d(in, channels, 3, 1, 1, 1, false), x);
      x = b.add("b" + k + ".bn", new Op.BatchNorm(channels), x);
      x = b.add("b" + k + ".relu", new Op.Act(Activation.RELU), x);
      if (k == 1) {
        x = b.add("b" + k + ".pool", new Op.Pool(true, 2, 2, 0), x);
      }
      in = channels;
    }
    x = b.add("gap", new Op.GlobalAvgPool(), x);
    b.add("classifier", new Op.Dense(in, 10, true), x);
    b.cell(new Cell.Plain("calibration cnn"));
    return new Sample(text.append("])").toString(), b.build());
  }
}
