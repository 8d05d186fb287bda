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
 * the mapping by hand, the measured target leaves its calibration report in the run directory, and
 * the crossbar's size moves latency, energy and area as its array model says.
 */
class HardwareExampleTest {

  @TempDir
  Path out;

  @Test
  void costsOnThreeTargetsAndTheCalibrationReport() throws IOException {
    Cli result = Cli.run("run", "-q", Cli.root().resolve("examples/hardware.nnx").toString(), "--out",
        this.out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    Path out = this.out.resolve("hardware_costs");
    List<Map<String, String>> rows = org.nnx.report.CsvTable.read(out.resolve("results.csv"));
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0).keySet()).contains("latency(rpi3b)", "energy(rpi3b)", "latency(host)", "latency(imc)",
        "energy(imc)", "area(imc)");
    // width 32, depth 8, tc 32 on 128x128 crossbars with 4 slices per weight: layer 0 has 785 rows
    // (7 row tiles) and 128 columns (1 tile); the others have at most 32 + 32 + 1 rows: 1 tile each.
    // 7 + 7 x 1 = 14 crossbars <= 64 tiles; 8 layers x 8 read steps x (100 ns + the 128x128 wires' RC)
    Map<String, String> first = rows.get(0);
    assertThat(first).containsEntry("width", "32").containsEntry("depth", "8");
    double step = 100e-9 + 0.38 * 5e-16 * 2 * 128 * 128;
    assertThat(Double.parseDouble(first.get("latency(imc)"))).isCloseTo(8 * 8 * step, within(1e-15));
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

    // square arrays of 64 to 1024: per read step 8 to 12 ADC bits (sums up to 3 x rows), so the
    // latency of 8 layers x 8 steps grows with log2 of the rows; the array energy with the cells
    List<Map<String, String>> sizes = org.nnx.report.CsvTable.read(this.out.resolve("array_size/results.csv"));
    assertThat(sizes).hasSize(2);
    int[] side = {64, 128, 256, 512, 1024};
    int[] bits = {8, 9, 10, 11, 12};
    for (Map<String, String> r : sizes) {
      double previousEnergy = 0;
      for (int i = 0; i < side.length; i++) {
        double t = 100e-9 * bits[i] / 9 + 0.38 * 5e-16 * 2.0 * side[i] * side[i];
        assertThat(Double.parseDouble(r.get("latency(xbar" + side[i] + ")"))).isCloseTo(64 * t, within(1e-15));
        double energy = Double.parseDouble(r.get("energy(xbar" + side[i] + ")"));
        assertThat(energy).isGreaterThan(previousEnergy);
        previousEnergy = energy;
      }
      // the largest array wastes the most cells on these layers: its area is the largest
      assertThat(Double.parseDouble(r.get("area(xbar1024)"))).isGreaterThan(Double.parseDouble(r.get("area(xbar64)")));
    }
  }
}
