package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.report.CsvTable;

/**
 * The FLASH pipeline end to end on a small space and the synthetic data set (which needs no
 * download): samples trained, predictor fitted and measured, hierarchical co-design, the chosen
 * design trained; the design meets its budgets and lies where the predictor was fitted.
 */
class FlashPipelineTest {

  private static final String FILE = """
      hardware imc { kind = crossbar, cell_area = 0.122 um2 }
      experiment samples {
        seed 3
        data synthetic(shape = circle, segments = 10)
        train { epochs = 1, train_samples = 2000, test_samples = 500 }
        architectures {
          net: cells(cells = [cell(width = 8..32 step 8, depth = 4..8, tc = 0..8),
                              cell(width = 8..32 step 8, depth = 4..8, tc = 0..8)]) sample 12
        }
        measure nn_degree, params, latency(imc), test_accuracy
      }
      codesign small {
        title = "small co-design"
        samples = samples, holdout = 4, predictor = linear, splits = 6, compare = [params]
        target = imc(rows = {32, 64, 128}, tiles = 4..64 step 4)
        max_latency = 10 us, max_area = 0.01 mm2
        optimizer = shgo(sampling = simplicial)
      }
      """;

  @TempDir
  Path dir;

  @Test
  void samplesPredictorSearchAndTheTrainedDesign() throws IOException {
    Path file = Files.writeString(dir.resolve("small.nnx"), FILE);
    Cli check = Cli.run("check", file.toString());
    assertThat(check.status()).as(check.err()).isZero();
    assertThat(check.out()).contains("codesign small: ").contains("12 samples from samples, optimizer shgo: ok");
    Path out = dir.resolve("out");
    Cli run = Cli.run("run", file.toString(), "--out", out.toString(), "--store", dir.resolve("store.db").toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("small co-design").contains("Chosen design: cells[0].width = ")
        .contains("Kendall tau holdout").contains("Search: ");
    Map<String, String> design = CsvTable.read(out.resolve("small/results.csv")).get(0);
    assertThat(design.keySet()).startsWith("cells[0].width", "cells[0].depth", "cells[0].tc", "cells[1].width",
        "cells[1].depth", "cells[1].tc", "rows", "tiles", "nn_degree", "predicted_test_accuracy", "test_accuracy");
    assertThat(design).containsEntry("feasible", "true");
    assertThat(Double.parseDouble(design.get("latency_s"))).isLessThanOrEqualTo(10e-6);
    assertThat(Double.parseDouble(design.get("area_m2"))).isLessThanOrEqualTo(1e-8);
    assertThat(Double.parseDouble(design.get("test_accuracy"))).isBetween(0.0, 1.0);
    assertThat(Double.parseDouble(design.get("search_time_s"))).isPositive();
    List<Map<String, String>> predictor = CsvTable.read(out.resolve("small/predictor.csv"));
    assertThat(predictor).hasSize(12);
    assertThat(predictor.stream().filter(r -> r.get("set").equals("holdout"))).hasSize(4);
    double lo = predictor.stream().filter(r -> r.get("set").equals("fit"))
        .mapToDouble(r -> Double.parseDouble(r.get("nn_degree"))).min().orElseThrow();
    double hi = predictor.stream().filter(r -> r.get("set").equals("fit"))
        .mapToDouble(r -> Double.parseDouble(r.get("nn_degree"))).max().orElseThrow();
    assertThat(Double.parseDouble(design.get("nn_degree"))).isBetween(lo, hi);
    // the predictor's held-out quality over 6 random 8/4 splits, NN-Degree and params on the same splits
    List<Map<String, String>> splits = CsvTable.read(out.resolve("small/predictor-splits.csv"));
    assertThat(splits).extracting(r -> r.get("x")).containsOnly("nn_degree", "params");
    assertThat(splits.stream().filter(r -> r.get("x").equals("nn_degree"))).hasSizeBetween(1, 6);
    String report = Files.readString(out.resolve("small/report.md"));
    assertThat(report).contains("## Predictor over random splits").contains("6 random splits of the 12 samples")
        .contains("| nn_degree |").contains("| params |");
    assertThat(report).contains("## Search space").contains("configurations").contains("## Predictor")
        .contains("## Chosen design").contains("## Search").contains("| round | level |");
    assertThat(Files.readString(out.resolve("small/experiment.nnx"))).contains("codesign small {")
        .contains("experiment samples {").contains("hardware imc {");
    // --only the codesign runs its samples experiment too, whose trials the store now holds
    Cli only = Cli.run("run", "-q", file.toString(), "--only", "small", "--out", dir.resolve("again").toString(),
        "--store", dir.resolve("store.db").toString());
    assertThat(only.status()).as(only.err()).isZero();
    Map<String, String> again = CsvTable.read(dir.resolve("again/small/results.csv")).get(0);
    assertThat(again.get("cells[0].width")).isEqualTo(design.get("cells[0].width"));
    // the chosen design was trained once: the second run reads its measurement from the store
    assertThat(Files.readString(dir.resolve("again/small/run.log"))).contains("reusing the stored test_accuracy")
        .doesNotContain("training cells");
    assertThat(again.get("test_accuracy")).isEqualTo(design.get("test_accuracy"));
    Cli runs = Cli.run("runs", "--store", dir.resolve("store.db").toString());
    assertThat(runs.out()).contains("samples").contains("small");
  }
}
