package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnx.block.BlockKinds;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.Trial;
import org.nnx.ir.Network;
import org.nnx.model.Interpreter;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Npy;
import org.nnx.model.Tensor;
import org.nnx.model.TrainedModel;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.SourceParser;

/**
 * ART's certified-MNIST classifier written in the language ({@code examples/networks/
 * art_classifier.nnx}) and loaded from its six arrays gives, on fixed inputs, the logits that plain
 * loops over the same arrays compute (the layout of reference/art-derandomized-mnist/README.md),
 * in the reference interpreter and in DL4J.
 */
class ArtClassifierTest {

  private static final Path ARRAYS = Cli.root().resolve("reference/art-derandomized-mnist");

  @Test
  void theLoadedNetworkGivesTheLogitsOfPlainLoopsOverTheArrays() throws Exception {
    var injector = PluginLoader.load(List.of());
    PluginRegistry registry = injector.getInstance(PluginRegistry.class);
    Path file = Cli.root().resolve("examples/networks/art_classifier.nnx");
    var parsed = SourceParser.parse(file.toString(), Files.readString(file));
    Experiment e = injector.getInstance(BlockKinds.class).resolve(parsed.file(), registry).blocks(Experiment.class)
        .get(0);
    Trial trial = e.trials().get(0);
    Network network = trial.family().build(trial.parameters(), new BuildContext(0));
    NetworkWeights weights = trial.weights().orElseThrow().load();
    assertThat(weights.mismatches(network)).isEmpty();
    assertThat(trial.usesLoadedWeights()).isTrue();

    Interpreter interpreter = new Interpreter(network, weights);
    SplittableRandom random = new SplittableRandom(2020);
    float[] batch = new float[3 * 2 * 28 * 28];
    double[][] expected = new double[3][];
    for (int n = 0; n < 3; n++) {
      double[] x = new double[2 * 28 * 28];
      for (int p = 0; p < 28 * 28; p++) {
        // the model's encoding: the pixel and 1 - pixel; a band of columns ablated (0 in both channels)
        double pixel = n == 0 ? (p % 28) / 27.0 : random.nextDouble();
        boolean ablated = n == 2 && p % 28 >= 10 && p % 28 < 14;
        x[p] = ablated ? 0 : pixel;
        x[28 * 28 + p] = ablated ? 0 : 1 - pixel;
      }
      for (int i = 0; i < x.length; i++) {
        batch[n * x.length + i] = (float) x[i];
      }
      expected[n] = plainLoops(x);
      double[] logits = interpreter.forward(x)[network.nodes().size() - 1];
      assertThat(logits).hasSize(10);
      for (int k = 0; k < 10; k++) {
        assertThat(logits[k]).as("example %d logit %d", n, k).isCloseTo(expected[n][k], within(1e-9));
      }
    }
    try (TrainedModel model = new TrainedModel(network, weights, registry.inference())) {
      float[] p = model.probabilities(batch, 3);
      for (int n = 0; n < 3; n++) {
        double[] softmax = softmax(expected[n]);
        for (int k = 0; k < 10; k++) {
          assertThat((double) p[n * 10 + k]).as("DL4J example %d class %d", n, k).isCloseTo(softmax[k], within(1e-5));
        }
      }
    }
  }

  /** conv 4x4/2 (32), relu, max pool 2x2/2, flatten (C, H, W), dense 100, relu, dense 10; in double. */
  private static double[] plainLoops(double[] x) throws Exception {
    Tensor wc = read("W_CONV2D1_MNIST.npy");
    Tensor bc = read("B_CONV2D1_MNIST.npy");
    Tensor w1 = read("W_DENSE1_MNIST.npy");
    Tensor b1 = read("B_DENSE1_MNIST.npy");
    Tensor w2 = read("W_DENSE2_MNIST.npy");
    Tensor b2 = read("B_DENSE2_MNIST.npy");
    double[][][] conv = new double[32][13][13];
    for (int o = 0; o < 32; o++) {
      for (int i = 0; i < 13; i++) {
        for (int j = 0; j < 13; j++) {
          double s = bc.values()[o];
          for (int c = 0; c < 2; c++) {
            for (int u = 0; u < 4; u++) {
              for (int v = 0; v < 4; v++) {
                s += wc.values()[((o * 2 + c) * 4 + u) * 4 + v] * x[c * 784 + (2 * i + u) * 28 + (2 * j + v)];
              }
            }
          }
          conv[o][i][j] = Math.max(0, s);
        }
      }
    }
    double[] flat = new double[32 * 6 * 6];
    for (int o = 0; o < 32; o++) {
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          double m = Double.NEGATIVE_INFINITY;
          for (int u = 0; u < 2; u++) {
            for (int v = 0; v < 2; v++) {
              m = Math.max(m, conv[o][2 * i + u][2 * j + v]);
            }
          }
          flat[(o * 6 + i) * 6 + j] = m;
        }
      }
    }
    double[] hidden = new double[100];
    for (int h = 0; h < 100; h++) {
      double s = b1.values()[h];
      for (int i = 0; i < flat.length; i++) {
        s += w1.values()[h * flat.length + i] * flat[i];
      }
      hidden[h] = Math.max(0, s);
    }
    double[] out = new double[10];
    for (int k = 0; k < 10; k++) {
      double s = b2.values()[k];
      for (int h = 0; h < 100; h++) {
        s += w2.values()[k * 100 + h] * hidden[h];
      }
      out[k] = s;
    }
    return out;
  }

  private static double[] softmax(double[] z) {
    double max = java.util.Arrays.stream(z).max().orElseThrow();
    double sum = 0;
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private static Tensor read(String name) throws Exception {
    return Npy.read(Files.readAllBytes(ARRAYS.resolve(name)));
  }
}
