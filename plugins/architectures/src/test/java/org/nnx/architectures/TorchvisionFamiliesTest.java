package org.nnx.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nnx.architectures.NetworkAssertions.assertWellFormed;
import static org.nnx.architectures.ReferenceValues.longOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;

class TorchvisionFamiliesTest {

  private static Network build(ArchitectureFamily family, Object... namesAndValues) {
    return family.build(TestParameters.of(family, namesAndValues), new BuildContext(0));
  }

  @Test
  void reproducesTheReferenceParameterCounts() {
    List<Map<String, Object>> entries = ReferenceValues.section("named");
    assertThat(entries).hasSize(4);
    for (Map<String, Object> e : entries) {
      Network n = ReferenceNetworks.named(e);
      assertThat(n.parameters()).as("params of " + e.get("name")).isEqualTo(longOf(e, "params"));
      assertThat(n.input()).isEqualTo(new TensorShape(3, 224, 224));
      assertThat(n.output()).isEqualTo(TensorShape.vector(1000));
      assertWellFormed(n);
    }
  }

  @Test
  void matchesTorchvisionParameterCounts() {
    ResNetFamily resnet = new ResNetFamily();
    assertThat(build(resnet, "depth", 18).parameters()).isEqualTo(11_689_512);
    assertThat(build(resnet, "depth", 34).parameters()).isEqualTo(21_797_672);
    assertThat(build(resnet, "depth", 50).parameters()).isEqualTo(25_557_032);
    assertThat(build(resnet, "depth", 101).parameters()).isEqualTo(44_549_160);
    assertThat(build(resnet, "depth", 152).parameters()).isEqualTo(60_192_808);
    WideResNetFamily wide = new WideResNetFamily();
    assertThat(build(wide, "depth", 50).parameters()).isEqualTo(68_883_240);
    assertThat(build(wide, "depth", 101).parameters()).isEqualTo(126_886_696);
    ResNeXtFamily resnext = new ResNeXtFamily();
    assertThat(build(resnext, "depth", 50).parameters()).isEqualTo(25_028_904);
    assertThat(build(resnext, "depth", 101, "width_per_group", 8).parameters()).isEqualTo(88_791_336);
    assertThat(build(new MobileNetV2Family()).parameters()).isEqualTo(3_504_872);
  }

  @Test
  void flopsAreTwicePublishedMultiplyAccumulates() {
    // torchvision's published "GFLOPS" are multiply-accumulates: 1.81 (resnet18), 4.09 (resnet50), 0.30 (mobilenet_v2)
    assertThat(build(new ResNetFamily(), "depth", 18).flops() / 2e9).isCloseTo(1.81, within(0.01));
    assertThat(build(new ResNetFamily(), "depth", 50).flops() / 2e9).isCloseTo(4.09, within(0.02));
    assertThat(build(new MobileNetV2Family()).flops() / 2e9).isCloseTo(0.30, within(0.01));
  }

  @Test
  void recordsTheBlocks() {
    Network r18 = build(new ResNetFamily(), "depth", 18);
    assertThat(r18.cells()).hasSize(10);
    assertThat(r18.cells().get(0)).isInstanceOf(Cell.Plain.class);
    assertThat(r18.cells().get(1)).isEqualTo(new Cell.BasicBlock(64, 64, 1));
    assertThat(r18.cells().get(3)).isEqualTo(new Cell.BasicBlock(64, 128, 2));
    assertThat(r18.cells().get(9)).isInstanceOf(Cell.Plain.class);

    Network r50 = build(new ResNetFamily(), "depth", 50);
    assertThat(r50.cells().stream().filter(c -> c instanceof Cell.Bottleneck)).hasSize(16);
    assertThat(r50.cells().get(1)).isEqualTo(new Cell.Bottleneck(64, 64, 64, 1, 1));
    assertThat(r50.cells().get(4)).isEqualTo(new Cell.Bottleneck(256, 128, 128, 2, 1));

    assertThat(build(new WideResNetFamily(), "depth", 50).cells().get(1)).isEqualTo(new Cell.Bottleneck(64, 64, 128, 1, 1));
    assertThat(build(new ResNeXtFamily(), "depth", 50).cells().get(1)).isEqualTo(new Cell.Bottleneck(64, 64, 128, 1, 32));

    Network mb = build(new MobileNetV2Family());
    List<Cell.InvertedResidual> blocks =
        mb.cells().stream().filter(c -> c instanceof Cell.InvertedResidual).map(c -> (Cell.InvertedResidual) c).toList();
    assertThat(blocks).hasSize(17);
    assertThat(blocks.stream().filter(Cell.InvertedResidual::identity)).hasSize(10);
    assertThat(blocks.get(0)).isEqualTo(new Cell.InvertedResidual(32, 16, 32, 1, false));
    assertThat(blocks.get(2)).isEqualTo(new Cell.InvertedResidual(24, 24, 144, 1, true));
    assertThat(mb.nodes().stream().filter(x -> x.op() instanceof Op.Add)).hasSize(10);
  }

  @Test
  void takesClassesAndWidthMultipliers() {
    assertThat(build(new ResNetFamily(), "depth", 18, "classes", 10).output()).isEqualTo(TensorShape.vector(10));
    assertThat(build(new ResNetFamily(), "depth", 18, "classes", 10).parameters()).isEqualTo(11_689_512 - 990 * 512 - 990);
    Network half = build(new MobileNetV2Family(), "width_multiplier", 0.5);
    assertThat(half.parameters()).isEqualTo(1_968_680);
    assertThat(MobileNetV2Family.makeDivisible(32 * 0.5, 8)).isEqualTo(16);
    assertThat(MobileNetV2Family.makeDivisible(24 * 0.35, 8)).isEqualTo(8);
    assertThat(MobileNetV2Family.makeDivisible(1280 * 1.4, 8)).isEqualTo(1792);
  }

  @Test
  void refusesOtherDepths() {
    assertThatThrownBy(() -> build(new ResNetFamily(), "depth", 20)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
    assertThatThrownBy(() -> build(new WideResNetFamily(), "depth", 18)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> build(new ResNeXtFamily(), "depth", 50, "groups", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> build(new MobileNetV2Family(), "width_multiplier", 0.0)).isInstanceOf(IllegalArgumentException.class);
  }
}
