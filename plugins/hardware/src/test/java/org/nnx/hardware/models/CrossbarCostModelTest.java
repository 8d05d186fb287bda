package org.nnx.hardware.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nnx.hardware.Cost;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

class CrossbarCostModelTest {

  /**
   * The model of {@code settings}, without the wires' picoseconds unless they are given: these tests
   * check the mapping's equations; {@link CrossbarArrayTest} checks the array's scaling.
   */
  private static CrossbarCostModel model(Object... settings) {
    CrossbarModel kind = new CrossbarModel();
    java.util.List<Object> all = new java.util.ArrayList<>(java.util.List.of(settings));
    if (!all.contains("wire_rc")) {
      all.addAll(java.util.List.of("wire_rc", 0.0));
    }
    return (CrossbarCostModel) kind.configure("imc", Nets.settings(kind.parameters(), all.toArray()));
  }

  private static double rel(double expected) {
    return 1e-12 * Math.abs(expected);
  }

  @Test
  void aDenseLayerMapsOntoRowAndColumnTiles() {
    // 300 inputs + bias row = 301 rows -> 3 row tiles; 100 outputs x 4 slices = 400 columns -> 4 column tiles
    CrossbarCostModel m = model();
    Network net = Nets.dense(300, 100, true);
    CrossbarCostModel.Mapping mp = m.map(net).get(0);
    assertThat(m.slices()).isEqualTo(4);
    assertThat(m.steps()).isEqualTo(8);
    assertThat(mp.rowTiles()).isEqualTo(3);
    assertThat(mp.colTiles()).isEqualTo(4);
    assertThat(mp.crossbars()).isEqualTo(12);
    Cost c = m.estimate(net);
    assertThat(c.latency()).isCloseTo(8 * 100e-9, within(rel(8 * 100e-9)));
    // 8 steps x (12 crossbars x 2 pJ + 3 x 400 conversions x 1.5 pJ)
    double energy = 8 * (12 * 2e-12 + 1200 * 1.5e-12);
    assertThat(c.energy()).isCloseTo(energy, within(rel(energy)));
    assertThat(c.area()).isCloseTo(12 * 0.002e-6, within(rel(12 * 0.002e-6)));
    assertThat(c.layers()).singleElement().satisfies(l -> assertThat(l.node()).isEqualTo("fc"));
  }

  @Test
  void aNetworkThatDoesNotFitIsReprogrammedInPasses() {
    CrossbarCostModel m = model("tiles", 5L);
    Cost c = m.estimate(Nets.dense(300, 100, true));
    // 12 crossbars, 5 at a time: 3 passes, each 8 read steps and 128 row writes of 1 us
    double latency = 3 * 8 * 100e-9 + 3 * 128 * 1e-6;
    assertThat(c.latency()).isCloseTo(latency, within(rel(latency)));
    double energy = 8 * (12 * 2e-12 + 1200 * 1.5e-12) + 301.0 * 100 * 4 * 10e-12;
    assertThat(c.energy()).isCloseTo(energy, within(rel(energy)));
    assertThat(c.area()).isCloseTo(5 * 0.002e-6, within(rel(5 * 0.002e-6)));
  }

  @Test
  void convolutionsReadOncePerOutputPositionAndGroupsMapSeparately() {
    // the settings describe 64 x 64 crossbars here, so that the mapping's equations are checked alone
    CrossbarCostModel m = model("rows", 64L, "cols", 64L, "reference_rows", 64L, "reference_cols", 64L,
        "bits_per_cell", 4L, "input_bits", 4L, "dac_bits", 2L);
    // 16 -> 32 channels, 3x3, 8x8 output: K = 144 -> 3 row tiles, 32 x 2 slices = 64 columns -> 1 tile
    Network conv = Nets.single(new TensorShape(16, 8, 8), new Op.Conv2d(16, 32, 3, 1, 1, 1, false));
    CrossbarCostModel.Mapping mp = m.map(conv).get(0);
    assertThat(mp.crossbars()).isEqualTo(3);
    Cost c = m.estimate(conv);
    assertThat(c.latency()).isCloseTo(64 * 2 * 100e-9, within(rel(64 * 2 * 100e-9)));
    double energy = 64 * 2 * (3 * 2e-12 + 3 * 64 * 1.5e-12);
    assertThat(c.energy()).isCloseTo(energy, within(rel(energy)));
    // 4 groups of 4 -> 8 channels: K = 36 (1 row tile), 2 x 2 slices = 4 columns (1 tile): 4 crossbars
    Network grouped = Nets.single(new TensorShape(16, 8, 8), new Op.Conv2d(16, 8, 3, 1, 1, 4, false));
    assertThat(m.map(grouped).get(0).crossbars()).isEqualTo(4);
  }

  @Test
  void layersWithoutWeightsCostNothingAndLayersAdd() {
    NetworkBuilder b = new NetworkBuilder("t", TensorShape.vector(100));
    int h = b.add("fc1", new Op.Dense(100, 50, true), 0);
    h = b.add("relu", new Op.Act(org.nnx.ir.Activation.RELU), h);
    b.add("fc2", new Op.Dense(50, 10, true), h);
    CrossbarCostModel m = model();
    Cost c = m.estimate(b.build());
    Cost one = m.estimate(Nets.dense(100, 50, true));
    Cost two = m.estimate(Nets.dense(50, 10, true));
    assertThat(c.layers()).extracting(Cost.Layer::node).containsExactly("fc1", "fc2");
    assertThat(c.latency()).isCloseTo(one.latency() + two.latency(), within(1e-18));
    assertThat(c.energy()).isCloseTo(one.energy() + two.energy(), within(1e-24));
    assertThat(c.area()).isCloseTo(one.area() + two.area(), within(1e-24));
  }

  @Test
  void aCellAreaMakesTheCrossbarAreaFollowItsSize() {
    Cost small = model("rows", 64L, "cols", 64L, "cell_area", 1e-13).estimate(Nets.dense(300, 100, true));
    // 301 rows -> 5 row tiles; 400 columns -> 7 column tiles: 35 crossbars of 64 x 64 cells, 64 tiles
    assertThat(small.area()).isCloseTo(35 * 64 * 64 * 1e-13, within(rel(35 * 64 * 64 * 1e-13)));
    Cost big = model("rows", 512L, "cols", 512L, "cell_area", 1e-13).estimate(Nets.dense(300, 100, true));
    assertThat(big.area()).isCloseTo(512 * 512 * 1e-13, within(rel(512 * 512 * 1e-13)));
  }

  @Test
  void largerCrossbarsNeedFewerOfThem() {
    Network net = Nets.dense(1000, 1000, true);
    long previous = Long.MAX_VALUE;
    for (long size : new long[] {32, 64, 128, 256, 512}) {
      long x = model("rows", size, "cols", size).crossbars(net);
      assertThat(x).isLessThan(previous);
      previous = x;
    }
  }
}
