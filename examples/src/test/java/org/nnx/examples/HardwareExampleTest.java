package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/hardware.nnx} runs: one column per metric and target, the crossbar costs follow
 * the mapping by hand, and the measured target leaves its calibration report in the run directory.
 */
class HardwareExampleTest {

  @TempDir
  Path out;

  @Test
  void costsOnThreeTargetsAndTheCalibrationReport() throws IOException {
    Cli result = Cli.run("run", "-q", Cli.root().resolve("examples/hardware.nnx").toString(), "--out", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(out.resolve("results.csv"));
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0).keySet()).contains("latency(rpi3b)", "energy(rpi3b)", "latency(host)", "latency(imc)",
        "energy(imc)", "area(imc)");
    // width 32, depth 8, tc 32 on 128x128 crossbars with 4 slices per weight: layer 0 has 785 rows
    // (7 row tiles) and 128 columns (1 tile); the others have at most 32 + 32 + 1 rows: 1 tile each.
    // 7 + 7 x 1 = 14 crossbars <= 64 tiles; 8 layers x 8 read steps x 100 ns
    Map<String, String> first = rows.get(0);
    assertThat(first).containsEntry("width", "32").containsEntry("depth", "8");
    assertThat(Double.parseDouble(first.get("latency(imc)"))).isCloseTo(8 * 8 * 100e-9, within(1e-15));
    assertThat(Double.parseDouble(first.get("area(imc)"))).isCloseTo(14 * 0.002e-6, within(1e-18));
    for (Map<String, String> r : rows) {
      assertThat(Double.parseDouble(r.get("latency(host)"))).isPositive();
      assertThat(Double.parseDouble(r.get("latency(rpi3b)"))).isPositive();
    }
    // deeper and wider networks cost more on the processor
    assertThat(Double.parseDouble(rows.get(5).get("latency(rpi3b)")))
        .isGreaterThan(Double.parseDouble(rows.get(0).get("latency(rpi3b)")));
    assertThat(out.resolve("calibration-host.csv")).exists();
    assertThat(Files.readString(out.resolve("calibration-host.md"))).contains("held-out networks (12)");
    // the run directory's experiment.nnx holds the hardware blocks it needs and checks on its own
    String experiment = Files.readString(out.resolve("experiment.nnx"));
    assertThat(experiment).contains("hardware rpi3b", "hardware host", "hardware imc", "experiment hardware_costs");
    Cli check = Cli.run("check", out.resolve("experiment.nnx").toString());
    assertThat(check.status()).as(check.err()).isZero();
  }
}
