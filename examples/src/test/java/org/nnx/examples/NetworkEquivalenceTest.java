package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnx.block.BlockKinds;
import org.nnx.data.Dataset;
import org.nnx.dl4j.Dl4jTrainer;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.Trial;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.Evaluation;
import org.nnx.model.TrainedModel;
import org.nnx.param.Parameters;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import org.nnx.plugin.Trainer;
import org.nnx.syntax.SourceParser;

/**
 * The networks of {@code examples/networks/} written in the language are the built-in families'
 * networks: under the same seed the same nodes (ops, sampled links, inputs, shapes) and cells, so
 * the same params, FLOPs, NN-Mass, NN-Density and NN-Degree, and the same trained weights and test
 * accuracy.
 */
class NetworkEquivalenceTest {

  private static PluginRegistry registry;
  private static BlockKinds kinds;

  @BeforeAll
  static void plugins() throws Exception {
    var injector = PluginLoader.load(List.of());
    registry = injector.getInstance(PluginRegistry.class);
    kinds = injector.getInstance(BlockKinds.class);
  }

  /** The experiments of a file, resolved; {@code extra} is appended to the file's text. */
  private static List<Experiment> experiments(String file, String extra) throws Exception {
    Path path = Cli.root().resolve("examples/networks").resolve(file);
    String text = Files.readString(path) + "\n" + extra;
    var parsed = SourceParser.parse(path.toString(), text);
    assertThat(parsed.errors()).isEmpty();
    return kinds.resolve(parsed.file(), registry).blocks(Experiment.class);
  }

  /** Each trial labelled {@code written} with the trial labelled {@code builtin} at the same place. */
  private static List<Trial[]> pairs(Experiment e) {
    List<Trial> written = e.trials().stream().filter(t -> t.architecture().equals("written")).toList();
    List<Trial> builtin = e.trials().stream().filter(t -> t.architecture().equals("builtin")).toList();
    assertThat(written).hasSameSizeAs(builtin).isNotEmpty();
    List<Trial[]> out = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      out.add(new Trial[] {written.get(i), builtin.get(i)});
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet18.nnx", "mobilenet_v2.nnx", "dense_mlp.nnx", "dense_cnn.nnx"})
  void theWrittenNetworkIsTheBuiltInOneNodeForNodeWithTheSameMetrics(String file) throws Exception {
    for (Experiment e : experiments(file, "")) {
      for (Trial[] pair : pairs(e)) {
        for (long seed : new long[] {1, 42, 20260}) {
          Network written = pair[0].family().build(pair[0].parameters(), new BuildContext(seed));
          Network builtin = pair[1].family().build(pair[1].parameters(), new BuildContext(seed));
          assertSameNetwork(written, builtin);
          for (String metric : List.of("params", "flops", "nn_mass", "nn_density", "nn_degree")) {
            assertThat(measure(metric, written, pair[0], seed)).as(file + " " + metric)
                .isEqualTo(measure(metric, builtin, pair[1], seed));
          }
        }
      }
    }
  }

  @Test
  void theNumbersAreThePublishedOnes() throws Exception {
    Trial[] r18 = pairs(experiments("resnet18.nnx", "").get(0)).get(0);
    Network n = r18[0].family().build(r18[0].parameters(), new BuildContext(0));
    assertThat(n.parameters()).isEqualTo(11_689_512L); // torchvision resnet18
    Trial[] mb2 = pairs(experiments("mobilenet_v2.nnx", "").get(0)).get(0);
    assertThat(mb2[0].family().build(mb2[0].parameters(), new BuildContext(0)).parameters()).isEqualTo(3_504_872L);
    Trial[] cnn = pairs(experiments("dense_cnn.nnx", "").get(0)).get(1);
    assertThat(cnn[0].family().build(cnn[0].parameters(), new BuildContext(0)).parameters()).isEqualTo(1_835_570L);
  }

  @Test
  void theWrittenDenseMlpTrainsToTheSameWeightsAndAccuracy() throws Exception {
    String extra = """
        experiment train_check {
          seed 3
          data synthetic
          train { epochs = 2, batch = 50, train_samples = 2000, test_samples = 600 }
          architectures {
            written: my_dense_mlp(inputs = 2, classes = 2)
            builtin: dense_mlp(width = 8, depth = 8, tc = 10, inputs = 2, classes = 2)
          }
          measure test_accuracy
        }
        """;
    Experiment e = experiments("dense_mlp.nnx", extra).stream().filter(x -> x.name().equals("train_check"))
        .findFirst().orElseThrow();
    var request = e.data().orElseThrow();
    Dataset data = request.provider().load(request.options(), new org.nnx.data.DataLocations(List.of(),
        Files.createTempDirectory("nnx-none")));
    trainBoth(pairs(e).get(0), data, 77);
  }

  @Test
  void theWrittenDenseCnnTrainsToTheSameWeightsAndAccuracy() throws Exception {
    String extra = """
        experiment train_check {
          seed 3
          train { epochs = 1, batch = 16 }
          architectures {
            written: my_dense_cnn(cell_depth = 3, width_multiplier = 1, tc0 = 4, tc1 = 8, tc2 = 8)
            builtin: dense_cnn(cells = 3, cell_depth = 3, width_multiplier = 1, tc = [4, 8, 8], classes = 10)
          }
          measure params
        }
        """;
    Experiment e = experiments("dense_cnn.nnx", extra).stream().filter(x -> x.name().equals("train_check"))
        .findFirst().orElseThrow();
    trainBoth(pairs(e).get(0), images(new TensorShape(3, 32, 32), 10, 64, 32, 5), 11);
  }

  /** Random images with labels from a fixed linear rule, so that training has something to learn. */
  static Dataset images(TensorShape shape, int classes, int train, int test, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int size = Math.toIntExact(shape.size());
    float[][] rule = new float[classes][size];
    for (float[] row : rule) {
      for (int i = 0; i < size; i++) {
        row[i] = (float) random.nextGaussian();
      }
    }
    return new Dataset("random", shape, classes, split(random, rule, train, size), split(random, rule, test, size));
  }

  private static Dataset.Split split(SplittableRandom random, float[][] rule, int n, int size) {
    float[] x = new float[n * size];
    int[] y = new int[n];
    for (int e = 0; e < n; e++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < size; i++) {
        x[e * size + i] = (float) random.nextDouble();
      }
      for (int c = 0; c < rule.length; c++) {
        double s = 0;
        for (int i = 0; i < size; i++) {
          s += rule[c][i] * x[e * size + i];
        }
        if (s > best) {
          best = s;
          y[e] = c;
        }
      }
    }
    return new Dataset.Split(x, y);
  }

  private static void trainBoth(Trial[] pair, Dataset data, long seed) {
    Trainer trainer = new Dl4jTrainer();
    Evaluation[] evaluations = new Evaluation[2];
    org.nnx.model.NetworkWeights[] weights = new org.nnx.model.NetworkWeights[2];
    for (int i = 0; i < 2; i++) {
      Network n = pair[i].family().build(pair[i].parameters(), new BuildContext(seed));
      Trainer.Result r = trainer.train(n, data, pair[i].training(), seed, Optional.empty(), Optional.empty());
      weights[i] = r.run().weights();
      try (TrainedModel model = new TrainedModel(n, weights[i], registry.inference())) {
        evaluations[i] = model.evaluate(data.test(), data.inputShape(), data.test().size());
      }
    }
    assertThat(weights[0]).isEqualTo(weights[1]);
    assertThat(evaluations[0].accuracy()).isEqualTo(evaluations[1].accuracy());
    assertThat(evaluations[0].loss()).isEqualTo(evaluations[1].loss());
    assertThat(evaluations[0].examples()).isEqualTo(data.test().size());
  }

  private static Object measure(String metric, Network network, Trial trial, long seed) {
    try (FixedTrialContext context = FixedTrialContext.of(network, trial.parameters(), seed)) {
      var m = registry.metrics().get(metric);
      Map<String, Object> values = m.compute(context, new Parameters(Map.of())).values();
      return values;
    }
  }

  /** Same ops (sampled links included), inputs and shapes, node for node; the same cells but plain ones. */
  static void assertSameNetwork(Network a, Network b) {
    assertThat(a.nodes()).hasSameSizeAs(b.nodes());
    for (int i = 0; i < a.nodes().size(); i++) {
      Node x = a.nodes().get(i);
      Node y = b.nodes().get(i);
      String at = "node " + i + " (" + x.name() + " / " + y.name() + ")";
      if (x.op() instanceof Op.Gather g && y.op() instanceof Op.Gather h) {
        assertThat(g.indices()).as(at).isEqualTo(h.indices());
      } else {
        assertThat(x.op()).as(at).isEqualTo(y.op());
      }
      if (x.op() instanceof Op.Add) {
        assertThat(x.inputs()).as(at).containsExactlyInAnyOrderElementsOf(y.inputs());
      } else {
        assertThat(x.inputs()).as(at).isEqualTo(y.inputs());
      }
      assertThat(x.output()).as(at).isEqualTo(y.output());
    }
    List<Cell> ca = a.cells().stream().filter(c -> !(c instanceof Cell.Plain)).toList();
    List<Cell> cb = b.cells().stream().filter(c -> !(c instanceof Cell.Plain)).toList();
    assertThat(ca).hasSameSizeAs(cb);
    for (int i = 0; i < ca.size(); i++) {
      if (ca.get(i) instanceof Cell.Dense d && cb.get(i) instanceof Cell.Dense e) {
        assertThat(new Object[] {d.width(), d.depth(), d.tc()}).isEqualTo(new Object[] {e.width(), e.depth(), e.tc()});
        assertThat(Arrays.equals(d.longRange(), e.longRange())).isTrue();
      } else {
        assertThat(ca.get(i)).isEqualTo(cb.get(i));
      }
    }
  }
}
