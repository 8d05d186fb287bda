package org.nnx.hardware.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.architectures.ReferenceNetworks;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

class ReferenceForwardTest {

  private static float[] run(Network n, float... x) {
    return new ReferenceForward(n, 1).run(x).clone();
  }

  @Test
  void aOneByOneConvolutionEqualsTheDenseLayerWithTheSameWeights() {
    // both draw 4 x 3 weights then 3 biases with fan-in 4, in the same layout
    float[] x = {0.5f, -1, 2, 0.25f};
    float[] dense = run(Nets.dense(4, 3, true), x);
    float[] conv = run(Nets.single(new TensorShape(4, 1, 1), new Op.Conv2d(4, 3, 1, 1, 0, 1, true)), x);
    assertThat(conv).containsExactly(dense, within(1e-6f));
  }

  @Test
  void aConvolutionAtOnePositionEqualsADenseLayerOverThePatch() {
    // 2 channels of 3x3, kernel 3, no padding: one output position whose patch is the whole input
    float[] x = new float[18];
    for (int i = 0; i < 18; i++) {
      x[i] = (i % 5) - 2;
    }
    float[] conv = run(Nets.single(new TensorShape(2, 3, 3), new Op.Conv2d(2, 4, 3, 1, 0, 1, false)), x);
    float[] dense = run(Nets.dense(18, 4, false), x);
    assertThat(conv).containsExactly(dense, within(1e-5f));
  }

  @Test
  void dataMovementOpsAreExact() {
    NetworkBuilder b = new NetworkBuilder("t", new TensorShape(2, 2, 2));
    int relu = b.add("relu", new Op.Act(Activation.RELU), 0);
    int max = b.add("max", new Op.Pool(true, 2, 2, 0), 0);
    int avg = b.add("avg", new Op.Pool(false, 2, 2, 0), 0);
    int gap = b.add("gap", new Op.GlobalAvgPool(), relu);
    int sum = b.add("sum", new Op.Add(), max, avg);
    int flat = b.add("flat", new Op.Flatten(), sum);
    int cat = b.add("cat", new Op.Concat(), flat, gap);
    b.add("gather", new Op.Gather(new int[] {3, 0, 2}), cat);
    float[] y = run(b.build(), 1, -2, 3, 4, -1, -1, 5, 0);
    // channel 0 = [1, -2, 3, 4]: max 4, mean 1.5, relu mean 2; channel 1 = [-1, -1, 5, 0]: max 5, mean 0.75, relu mean 1.25
    // sum = [5.5, 5.75]; cat = [5.5, 5.75, 2, 1.25]; gather 3, 0, 2
    assertThat(y).containsExactly(new float[] {1.25f, 5.5f, 2f}, within(1e-6f));
  }

  @Test
  void aScaleMultipliesEveryValueByItsFactor() {
    NetworkBuilder b = new NetworkBuilder("t", TensorShape.vector(3));
    int scale = b.add("scale", new Op.Scale(0.5), 0);
    b.add("sum", new Op.Add(), 0, scale);
    assertThat(run(b.build(), 2, -4, 1)).containsExactly(new float[] {3, -6, 1.5f}, within(1e-6f));
  }

  @Test
  void runsTheArchitecturesNetworksDeterministically() {
    Network mlp = ReferenceNetworks.mlp(Map.of("width", 8L, "depth", 8L, "tc", 10L, "input", 784L, "classes", 10L), 0);
    float[] x = new float[784];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    float[] a = new ReferenceForward(mlp, 5).run(x).clone();
    float[] b = new ReferenceForward(mlp, 5).run(x).clone();
    float[] c = new ReferenceForward(mlp, 6).run(x).clone();
    assertThat(a).hasSize(10).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
    for (float v : a) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    assertThatThrownBy(() -> new ReferenceForward(mlp, 5).run(new float[3])).isInstanceOf(IllegalArgumentException.class);
  }
}
