package org.nnx.hardware.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nnx.hardware.Cost;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

class CpuCostModelTest {

  private static final CpuModel KIND = new CpuModel();

  private static CpuCostModel model(Object... settings) {
    return (CpuCostModel) KIND.configure("cpu", Nets.settings(KIND.parameters(), settings));
  }

  @Test
  void aLargeDenseLayerIsMemoryBound() {
    // 4 cores x 1.2 GHz x 8 FLOPs = 38.4 GFLOP/s; 2 GB/s
    CpuCostModel m = model("cores", 4L, "clock", 1.2e9, "flops_per_cycle", 8.0, "memory_bandwidth", 2e9,
        "layer_overhead", 5e-6);
    Cost c = m.estimate(Nets.dense(1000, 1000, true));
    double bytes = 4.0 * (1000 * 1000 + 1000 + 1000 + 1000);
    double flops = 2.0 * 1000 * 1000 + 1000;
    assertThat(c.latency()).isCloseTo(5e-6 + bytes / 2e9, within(1e-15));
    assertThat(flops / 38.4e9).isLessThan(bytes / 2e9);
    assertThat(c.energy()).isCloseTo(flops * 2.3e-12 + bytes * 160e-12, within(1e-15));
    assertThat(c.area()).isZero();
  }

  @Test
  void aConvolutionWithFewWeightsIsComputeBound() {
    CpuCostModel m = model("clock", 2e9, "flops_per_cycle", 4.0, "memory_bandwidth", 20e9, "layer_overhead", 0.0,
        "static_power", 2.0, "area", 1e-4);
    Network conv = Nets.single(new TensorShape(32, 32, 32), new Op.Conv2d(32, 32, 3, 1, 1, 1, false));
    long flops = conv.flops();
    double bytes = 4.0 * (9 * 32 * 32 + 2 * 32 * 32 * 32);
    assertThat(flops / 8e9).isGreaterThan(bytes / 20e9);
    Cost c = m.estimate(conv);
    assertThat(c.latency()).isCloseTo(flops / 8e9, within(1e-15));
    assertThat(c.energy()).isCloseTo(flops * 2.3e-12 + bytes * 160e-12 + 2.0 * flops / 8e9, within(1e-15));
    assertThat(c.area()).isEqualTo(1e-4);
  }

  @Test
  void everyNodeButInputAndFlattenPaysTheOverheadAndMovesItsBytes() {
    NetworkBuilder b = new NetworkBuilder("t", new TensorShape(2, 2, 2));
    int x = b.add("relu", new Op.Act(Activation.RELU), 0);
    x = b.add("flat", new Op.Flatten(), x);
    int g = b.add("gather", new Op.Gather(new int[] {1, 5}), x);
    b.add("cat", new Op.Concat(), x, g);
    CpuCostModel m = model("memory_bandwidth", 1e9, "layer_overhead", 1e-6);
    Cost c = m.estimate(b.build());
    assertThat(c.layers()).extracting(Cost.Layer::node).containsExactly("relu", "gather", "cat");
    // relu reads 8 and writes 8; the gather moves 2 values twice; the concat reads 8 + 2 and writes 10
    assertThat(c.layers().get(0).latency()).isCloseTo(1e-6 + 4 * 16 / 1e9, within(1e-18));
    assertThat(c.layers().get(1).latency()).isCloseTo(1e-6 + 4 * 4 / 1e9, within(1e-18));
    assertThat(c.layers().get(2).latency()).isCloseTo(1e-6 + 4 * 20 / 1e9, within(1e-18));
  }

  @Test
  void aScaleIsFoldedIntoTheAdditionItFeeds() {
    NetworkBuilder b = new NetworkBuilder("t", TensorShape.vector(4));
    int relu = b.add("relu", new Op.Act(Activation.RELU), 0);
    int scale = b.add("scale", new Op.Scale(0.25), 0);
    b.add("add", new Op.Add(), relu, scale);
    Cost c = model("memory_bandwidth", 1e9, "layer_overhead", 1e-6).estimate(b.build());
    assertThat(c.layers()).extracting(Cost.Layer::node).containsExactly("relu", "add");
    // the addition reads both inputs (4 + 4) and writes 4
    assertThat(c.layers().get(1).latency()).isCloseTo(1e-6 + 4 * 12 / 1e9, within(1e-18));
  }

  @Test
  void theAdditiveFormSumsComputeAndMemory() {
    CpuCostModel m = new CpuCostModel(1e-6, 1e-9, 2e-9, true, 4, 0, 0, 0, 0, java.util.Map.of());
    NodeWork w = NodeWork.of(Nets.dense(10, 10, false)).get(0);
    assertThat(m.latency(w)).isCloseTo(1e-6 + 200e-9 + 2e-9 * 4 * (100 + 20), within(1e-18));
  }
}
