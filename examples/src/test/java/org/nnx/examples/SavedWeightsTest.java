package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.block.BlockKinds;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.ResultKeys;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import org.nnx.report.CsvTable;
import org.nnx.store.ResultStore;
import org.nnx.syntax.SourceParser;

/**
 * {@code train { save_weights = true }} writes each trial repeat's trained weights (batch-norm
 * running statistics included) as .npy files with an index, the result store records where, and a
 * network loaded from them evaluates to the same test accuracy and loss without training; {@code
 * init} trains further from them.
 */
class SavedWeightsTest {

  private static final String NETWORK = """
      block unit(c) {
        residual {
          conv2d(c, 3, padding = 1, bias = false)
          batch_norm
          relu
        }
      }
      network small_cnn(width = 8) {
        input [1, 8, 8]
        stem = conv2d(width, 3, padding = 1) as stem
        batch_norm
        relu
        unit(width)
        concat(stem)
        max_pool(2)
        flatten
        dense(4) as head
      }
      """;

  @TempDir
  Path dir;

  @Test
  void savedWeightsLoadToTheSameTestAccuracyAndTrainFurther() throws Exception {
    Path save = dir.resolve("save.nnx");
    Files.writeString(save, NETWORK + """
        experiment saved {
          seed 5
          data random_images(channels = 1, size = 8, classes = 4)
          train { epochs = 2, batch = 32, save_weights = true }
          architectures { net: small_cnn() }
          measure test_accuracy, test_loss
        }
        """);
    Path store = dir.resolve("nnx.db");
    Cli first = Cli.run("run", "-q", save.toString(), "--out", dir.resolve("run1").toString(), "--store",
        store.toString());
    assertThat(first.status()).as(first.err()).isZero();
    Path folder = dir.resolve("run1/weights/trial-0-repeat-0");
    assertThat(folder.resolve("index.json")).exists();
    try (Stream<Path> files = Files.list(folder)) {
      // stem conv (weight, bias), two batch norms (4 tensors each), the unit's conv, the head (weight, bias)
      assertThat(files.filter(f -> f.toString().endsWith(".npy")).count()).isEqualTo(2 + 4 + 1 + 4 + 2);
    }
    assertThat(Files.readString(folder.resolve("index.json"))).contains("\"node\": \"stem\"")
        .contains("\"tensor\": \"running_var\"").contains("\"shape\": [8, 1, 3, 3]");
    Map<String, String> trained = CsvTable.read(dir.resolve("run1/results.csv")).get(0);

    // the store records where the weights are
    var injector = PluginLoader.load(List.of());
    PluginRegistry registry = injector.getInstance(PluginRegistry.class);
    Experiment e = injector.getInstance(BlockKinds.class)
        .resolve(SourceParser.parse(save.toString(), Files.readString(save)).file(), registry)
        .blocks(Experiment.class).get(0);
    String key = new ResultKeys(e.data(), registry).training(e.trials().get(0), e.trialSeed(0, 0));
    try (ResultStore s = ResultStore.open(store)) {
      assertThat(s.lookupDocument("saved-weights " + key)).get().asString().contains(folder.toString());
    }

    Path load = dir.resolve("load.nnx");
    Files.writeString(load, NETWORK + """
        experiment loaded {
          seed 9
          data random_images(channels = 1, size = 8, classes = 4)
          train { epochs = 1, batch = 32 }
          architectures {
            as_saved: small_cnn() weights "run1/weights/trial-0-repeat-0"
            further: small_cnn() init "run1/weights/trial-0-repeat-0"
          }
          measure test_accuracy, test_loss, train_loss
        }
        """);
    Cli second = Cli.run("run", "-q", load.toString(), "--out", dir.resolve("run2").toString(), "--store",
        store.toString());
    assertThat(second.status()).as(second.err()).isZero();
    List<Map<String, String>> rows = CsvTable.read(dir.resolve("run2/results.csv"));
    assertThat(rows.get(0)).containsEntry("test_accuracy", trained.get("test_accuracy"))
        .containsEntry("test_loss", trained.get("test_loss")).containsEntry("train_loss", "NaN");
    assertThat(rows.get(1).get("train_loss")).isNotEqualTo("NaN");
    assertThat(rows.get(1).get("test_loss")).isNotEqualTo(trained.get("test_loss"));
    // the run directory's experiment.nnx finds the same files from anywhere
    assertThat(Files.readString(dir.resolve("run2/experiment.nnx"))).contains("weights \"" + folder + "\"");

    // the same saving run again reuses the kept model and writes the same files
    Cli third = Cli.run("run", "-q", save.toString(), "--out", dir.resolve("run3").toString(), "--store",
        store.toString());
    assertThat(third.status()).as(third.err()).isZero();
    assertThat(Files.readString(dir.resolve("run3/run.log"))).doesNotContain("training small_cnn");
    for (String f : List.of("stem.weight.npy", "head.bias.npy")) {
      assertThat(Files.readAllBytes(dir.resolve("run3/weights/trial-0-repeat-0").resolve(f)))
          .isEqualTo(Files.readAllBytes(folder.resolve(f)));
    }
  }
}
