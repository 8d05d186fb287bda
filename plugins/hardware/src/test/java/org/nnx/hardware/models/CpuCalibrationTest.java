package org.nnx.hardware.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Cell;

class CpuCalibrationTest {

  @Test
  void theSampleAlternatesFamiliesAndIsReproducible() {
    List<CalibrationNetworks.Sample> a = CalibrationNetworks.sample(6, 11);
    List<CalibrationNetworks.Sample> b = CalibrationNetworks.sample(6, 11);
    assertThat(a).extracting(CalibrationNetworks.Sample::description)
        .isEqualTo(b.stream().map(CalibrationNetworks.Sample::description).toList());
    assertThat(a.get(0).description()).startsWith("mlp(");
    assertThat(a.get(1).description()).startsWith("cnn(");
    assertThat(a.get(0).network().cells()).allMatch(c -> c instanceof Cell.Dense);
    assertThat(a.get(1).network().nodes()).anyMatch(n -> n.op() instanceof org.nnx.ir.Op.Conv2d);
  }

  @Test
  void fitsMeasuredTimesAndReportsTheErrorOnHeldOutNetworks() {
    CpuModel kind = new CpuModel();
    CpuCostModel analytical = CpuModel.analytical(Nets.settings(kind.parameters()));
    CpuCalibration.Result r = CpuCalibration.calibrate("host", analytical, 10, 6, 4);
    CpuCostModel m = r.model();
    assertThat(m.additive()).isTrue();
    assertThat(m.calibration()).startsWith("calibrated(t_0 = ");
    assertThat(analytical.calibration()).isEmpty();
    assertThat(m.overhead()).isNotNegative();
    assertThat(m.secondsPerFlop()).isNotNegative();
    assertThat(m.secondsPerByte()).isNotNegative();
    assertThat(m.overhead() + m.secondsPerFlop() + m.secondsPerByte()).isPositive();
    // the energy coefficients are the block's
    assertThat(m.energyPerFlop()).isEqualTo(analytical.energyPerFlop());
    assertThat(r.fitMape()).isBetween(0.0, 100.0);
    assertThat(r.holdoutMape()).isBetween(0.0, 100.0);
    assertThat(m.files()).containsOnlyKeys("calibration-host.csv", "calibration-host.md");
    assertThat(m.files().get("calibration-host.csv").lines()).hasSize(17)
        .first().isEqualTo("set,network,nodes,flops,bytes,measured_s,predicted_s,error_pct");
    assertThat(m.files().get("calibration-host.md")).contains("held-out networks (6)")
        .contains(String.format(java.util.Locale.ROOT, "%.4g", r.holdoutMape()) + " %");
  }
}
