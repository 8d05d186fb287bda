package org.nnx.hardware.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nnx.hardware.Cost;
import org.nnx.ir.Network;

class CrossbarArrayTest {

  /** The ADC bits by counting: the smallest b with 2^b distinct codes for every sum 0..max. */
  private static int bitsByCounting(long rows, int v, int w) {
    long max = rows * ((1L << v) - 1) * ((1L << w) - 1);
    int b = 1;
    while ((1L << b) < max + 1) {
      b++;
    }
    return b;
  }

  @Test
  void adcBitsResolveEveryColumnSum() {
    for (long rows : new long[] {1, 2, 3, 64, 127, 128, 129, 256, 1000, 1 << 20}) {
      for (int v = 1; v <= 4; v++) {
        for (int w = 1; w <= 4; w++) {
          assertThat(CrossbarArray.adcBits(rows, v, w)).as(rows + " rows, v " + v + ", w " + w)
              .isEqualTo(bitsByCounting(rows, v, w));
        }
      }
    }
    // 128 rows of 1-bit inputs and 2-bit cells: sums up to 384 need 9 bits
    assertThat(CrossbarArray.adcBits(128, 1, 2)).isEqualTo(9);
  }

  @Test
  void theReferenceCrossbarCostsItsSettingsAndOthersScale() {
    assertThat(CrossbarArray.stepLatency(128, 128, 128, 1, 2, 100e-9, 0)).isEqualTo(100e-9);
    assertThat(CrossbarArray.stepEnergy(128, 128, 128, 128, 2e-12)).isEqualTo(2e-12);
    assertThat(CrossbarArray.conversionEnergy(128, 128, 1, 2, 1.5e-12)).isEqualTo(1.5e-12);
    // 256 rows: one more ADC bit, so 10/9 of the latency and twice the conversion energy
    assertThat(CrossbarArray.stepLatency(256, 128, 128, 1, 2, 100e-9, 0)).isCloseTo(100e-9 * 10 / 9, within(1e-21));
    assertThat(CrossbarArray.conversionEnergy(256, 128, 1, 2, 1.5e-12)).isCloseTo(3e-12, within(1e-24));
    assertThat(CrossbarArray.stepEnergy(256, 64, 128, 128, 2e-12)).isCloseTo(2e-12, within(1e-24));
    assertThat(CrossbarArray.stepEnergy(512, 512, 128, 128, 2e-12)).isCloseTo(32e-12, within(1e-24));
    // wires: 0.38 r c (R^2 + C^2)
    assertThat(CrossbarArray.stepLatency(4096, 4096, 128, 1, 2, 0, 5e-16))
        .isCloseTo(0.38 * 5e-16 * 2 * 4096.0 * 4096, within(1e-21));
  }

  /** Through the hardware kind: larger arrays need fewer crossbars but each read step costs more. */
  @Test
  void aLayerOnLargerArraysReadsSlowerPerStepAndUsesFewerCrossbars() {
    CrossbarModel kind = new CrossbarModel();
    Network net = Nets.dense(1000, 256, true);
    Cost small = kind.configure("a", Nets.settings(kind.parameters(), "rows", 128L, "cols", 128L, "tiles", 1024L))
        .estimate(net);
    Cost large = kind.configure("b", Nets.settings(kind.parameters(), "rows", 1024L, "cols", 1024L, "tiles", 1024L))
        .estimate(net);
    // 1001 rows: 8 row tiles of 128 or 1 of 1024; 1024 columns: 8 or 1 column tiles; one pass each
    // latency per step: 9 bits at 128 rows, 12 at 1024 (sums up to 3072)
    assertThat(large.latency() / small.latency()).isCloseTo(
        (12 / 9.0 * 100e-9 + 0.38 * 5e-16 * 2 * 1024.0 * 1024) / (100e-9 + 0.38 * 5e-16 * 2 * 128.0 * 128),
        within(1e-9));
    assertThat(large.area()).isLessThan(small.area() * 1.01);
  }
}
