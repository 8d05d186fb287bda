package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.report.CsvTable;

/**
 * {@code dynamic_subnet} end to end on small images: a small ResNet written in the language, trained
 * with a group-lasso penalty, cut into three nested subnets by each method, every row with the
 * issue's columns; the rows agree with the method's definition, and the same file gives the same
 * numbers (but the timings).
 */
class DynamicSubnetsTest {

  @TempDir
  Path dir;

  private static final String FILE = """
      block basic(planes, stride = 1) {
        residual {
          conv2d(planes, 3, stride = stride, padding = 1, bias = false)
          batch_norm
          relu
          conv2d(planes, 3, padding = 1, bias = false)
          batch_norm
        }
        relu
      }
      network tiny_resnet() {
        input [1, 8, 8]
        conv2d(8, 3, padding = 1, bias = false)
        batch_norm
        relu
        basic(8)
        basic(12, stride = 2)
        global_avg_pool
        dense(4)
      }
      experiment subnets {
        seed 3
        data random_images(channels = 1, size = 8, classes = 4, train = 256, test = 64)
        train { epochs = 2, batch = 32, group_lasso = 0.001 }
        architectures { net: tiny_resnet() }
        measure dynamic_subnet(subnet = {1, 2, 3}, method = {nonuniform, uniform, individual}, k = 3,
                               latency_repeats = 3)
        report {
          table(method, subnet, widths, params, flops, test_accuracy, latency_b1_s, latency_b128_s)
          plot(test_accuracy, flops, by = method)
        }
      }
      """;

  @Test
  void everyMethodGivesNestedSubnetsWithinTheirTargets() throws Exception {
    Path f = dir.resolve("subnets.nnx");
    Files.writeString(f, FILE);
    Cli run = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("a").toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<Map<String, String>> rows = CsvTable.read(dir.resolve("a/results.csv"));
    assertThat(rows).hasSize(9);
    assertThat(rows.get(0)).containsKeys("method", "subnet", "widths", "params", "flops", "test_accuracy",
        "latency_b1_s", "latency_b128_s");
    // layers: stem, block 1 (conv1, conv2), block 2 (conv1, conv2, shortcut)
    long fullFlops = 0;
    for (Map<String, String> r : rows) {
      if (r.get("method").equals("uniform") && r.get("subnet").equals("3")) {
        fullFlops = Long.parseLong(r.get("flops"));
        assertThat(widths(r)).containsExactly(8, 8, 8, 12, 12, 12);
      }
    }
    for (String method : List.of("nonuniform", "uniform", "individual")) {
      int[] previous = null;
      for (int s = 1; s <= 3; s++) {
        Map<String, String> r = row(rows, method, s);
        int[] w = widths(r);
        // channels that meet in an addition share their widths
        assertThat(w[0]).isEqualTo(w[2]);
        assertThat(w[4]).isEqualTo(w[5]);
        assertThat(Long.parseLong(r.get("flops"))).isLessThanOrEqualTo((long) Math.floor(s / 3.0 * fullFlops));
        if (previous != null) {
          for (int i = 0; i < w.length; i++) {
            assertThat(w[i]).as(method + " subnet " + s + " layer " + i).isGreaterThanOrEqualTo(previous[i]);
          }
        }
        previous = w;
        double accuracy = Double.parseDouble(r.get("test_accuracy"));
        assertThat(accuracy).isBetween(0.0, 1.0);
        assertThat(Double.parseDouble(r.get("latency_b1_s"))).isPositive();
        assertThat(Double.parseDouble(r.get("latency_b128_s"))).isGreaterThan(Double.parseDouble(r.get("latency_b1_s")));
      }
    }
    for (int s = 1; s <= 3; s++) {
      // individual trains the non-uniform subnets, alone
      assertThat(row(rows, "individual", s).get("widths")).isEqualTo(row(rows, "nonuniform", s).get("widths"));
      assertThat(row(rows, "individual", s).get("params")).isEqualTo(row(rows, "nonuniform", s).get("params"));
    }
    // uniform: one ratio, so every layer keeps about the same fraction of its channels
    int[] u = widths(row(rows, "uniform", 1));
    double[] ratios = {u[0] / 8.0, u[1] / 8.0, u[3] / 12.0, u[4] / 12.0};
    assertThat(Arrays.stream(ratios).max().getAsDouble() - Arrays.stream(ratios).min().getAsDouble())
        .isLessThanOrEqualTo(1 / 8.0 + 1e-9);
    assertThat(dir.resolve("a/plot-test_accuracy-vs-flops.svg")).exists();

    Cli again = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("b").toString());
    assertThat(again.status()).as(again.err()).isZero();
    List<Map<String, String>> second = CsvTable.read(dir.resolve("b/results.csv"));
    for (int i = 0; i < rows.size(); i++) {
      for (String column : List.of("method", "subnet", "widths", "params", "flops", "test_accuracy")) {
        assertThat(second.get(i).get(column)).as(column + " of row " + i).isEqualTo(rows.get(i).get(column));
      }
    }
  }

  private static Map<String, String> row(List<Map<String, String>> rows, String method, int subnet) {
    return rows.stream().filter(r -> r.get("method").equals(method) && r.get("subnet").equals("" + subnet))
        .findFirst().orElseThrow();
  }

  private static int[] widths(Map<String, String> row) {
    return Arrays.stream(row.get("widths").split(";")).mapToInt(Integer::parseInt).toArray();
  }
}
