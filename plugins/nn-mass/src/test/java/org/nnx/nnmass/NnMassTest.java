package org.nnx.nnmass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.architectures.CellsFamily;
import org.nnx.architectures.ResNeXtFamily;
import org.nnx.architectures.ResNetFamily;
import org.nnx.architectures.TestParameters;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

class NnMassTest {

  private static final Parameters NO_OPTIONS = new Parameters(Map.of());

  private static Network withCells(Cell... cells) {
    NetworkBuilder b = new NetworkBuilder("test", TensorShape.vector(1));
    for (Cell c : cells) {
      b.cell(c);
    }
    return b.build();
  }

  @Test
  void perBlockFormulas() {
    assertThat(NnMass.of(new Cell.BasicBlock(64, 128, 2))).isEqualTo(192.0);
    // (256 + 2*64) * 256 / (2*256 + 64) = 98304 / 576
    assertThat(NnMass.of(new Cell.Bottleneck(256, 64, 64, 1, 1))).isEqualTo(98304.0 / 576.0);
    // (24 + 2*144) * 24 / (2*24 + 144) = 7488 / 192 = 39
    assertThat(NnMass.of(new Cell.InvertedResidual(24, 24, 144, 1, true))).isEqualTo(39.0);
    assertThat(NnMass.of(new Cell.InvertedResidual(24, 32, 144, 2, false))).isZero();
    assertThat(NnMass.of(new Cell.Plain("stem"))).isZero();
    // density 58/168 of a width-8, depth-8 cell
    Cell.Dense dense = new Cell.Dense(8, 8, 10, new int[] {0, 0, 8, 10, 10, 10, 10, 10});
    assertThat(NnMass.density(dense)).isEqualTo(58.0 / 168.0);
    assertThat(NnMass.of(dense)).isEqualTo(58.0 / 168.0 * 8 * 8);
  }

  @Test
  void denseCellsNeedConsistentLinkCounts() {
    assertThatThrownBy(() -> NnMass.density(new Cell.Dense(8, 4, 1, new int[] {0, 0, 1})))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NnMass.density(new Cell.Dense(8, 2, 1, new int[] {0, 0})))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sumsOverAllCellsInOrder() {
    Network n =
        withCells(
            new Cell.Plain("stem"),
            new Cell.Dense(4, 3, 2, new int[] {0, 0, 2}),
            new Cell.BasicBlock(16, 16, 1),
            new Cell.Dense(4, 4, 100, new int[] {0, 0, 4, 8}));
    // 2/4 * 4 * 3 + 32 + 12/12 * 4 * 4
    assertThat(NnMass.of(n)).isEqualTo(6.0 + 32.0 + 16.0);
    assertThat(NnMass.densities(n)).containsExactly(0.5, 1.0);
    assertThat(NnMass.meanDensity(n)).isEqualTo(0.75);
  }

  @Test
  void resnet34AndResnext50ByHand() {
    Network r34 = new ResNetFamily().build(TestParameters.of(new ResNetFamily(), "depth", 34), new BuildContext(0));
    // layer1 3*128, layer2 192 + 3*256, layer3 384 + 5*512, layer4 768 + 2*1024
    assertThat(NnMass.of(r34)).isEqualTo(384 + 960 + 2944 + 2816);
    Network x50 = new ResNeXtFamily().build(TestParameters.of(new ResNeXtFamily(), "depth", 50), new BuildContext(0));
    double expected = 0;
    int[] blocks = {3, 4, 6, 3};
    int inplanes = 64;
    for (int s = 0; s < 4; s++) {
      int planes = 64 << s;
      int w = planes * 4 / 64 * 32;
      for (int i = 0; i < blocks[s]; i++) {
        expected += (double) ((inplanes + 2 * w) * inplanes) / (2 * inplanes + w);
        inplanes = planes * 4;
      }
    }
    assertThat(NnMass.of(x50)).isEqualTo(expected);
  }

  @Test
  void metricsOnAMultiCellStack() {
    CellsFamily family = new CellsFamily();
    Parameters p =
        TestParameters.of(family, "inputs", 10, "classes", 3, "cells",
            List.of(
                TestParameters.record(CellsFamily.CELL, "width", 4, "depth", 3, "tc", 2),
                TestParameters.record(CellsFamily.CELL, "width", 6, "depth", 4, "tc", 100)));
    TrialContext trial = FixedTrialContext.of(family.build(p, new BuildContext(1)));
    MetricResult density = new NnDensityMetric().compute(trial, NO_OPTIONS);
    // cell 0: 2/4; cell 1: (6 + 12)/(6 + 12) = 1
    assertThat(density.values()).containsEntry("nn_density", 0.75);
    assertThat(density.values().get("nn_density_cells")).isEqualTo(List.of(0.5, 1.0));
    MetricResult mass = new NnMassMetric().compute(trial, NO_OPTIONS);
    assertThat(mass.values()).containsExactly(Map.entry("nn_mass", 0.5 * 4 * 3 + 1.0 * 6 * 4));
  }

  @Test
  void networksWithoutDenseCellsHaveDensityZero() {
    Network r18 = new ResNetFamily().build(TestParameters.of(new ResNetFamily(), "depth", 18), new BuildContext(0));
    MetricResult r = new NnDensityMetric().compute(FixedTrialContext.of(r18), NO_OPTIONS);
    assertThat(r.values()).containsEntry("nn_density", 0.0);
    assertThat(r.values().get("nn_density_cells")).isEqualTo(List.of());
    assertThat(new NnDensityMetric().extraColumns()).containsExactly("nn_density_cells");
  }
}
