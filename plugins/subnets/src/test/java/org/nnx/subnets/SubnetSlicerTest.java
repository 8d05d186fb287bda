package org.nnx.subnets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.InitialWeights;
import org.nnx.model.Interpreter;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Tensor;

class SubnetSlicerTest {

  /**
   * A small ResNet: stem (a), a basic block with identity shortcut (inner b, out a), a basic block
   * with stride 2 and a projected shortcut (inner c, out d), global pooling, 10 logits. Groups in
   * order: input, a (stem and block 1's second conv), b, c, d (block 2's second conv and shortcut),
   * logits.
   */
  static Network resnet(int a, int b, int c, int d) {
    NetworkBuilder n = new NetworkBuilder("test_resnet", new TensorShape(2, 8, 8));
    int x = n.add("stem", new Op.Conv2d(2, a, 3, 1, 1, 1, false), 0);
    x = n.add("stem.bn", new Op.BatchNorm(a), x);
    x = n.add("stem.relu", new Op.Act(Activation.RELU), x);
    int y = n.add("b1.conv1", new Op.Conv2d(a, b, 3, 1, 1, 1, false), x);
    y = n.add("b1.bn1", new Op.BatchNorm(b), y);
    y = n.add("b1.relu1", new Op.Act(Activation.RELU), y);
    y = n.add("b1.conv2", new Op.Conv2d(b, a, 3, 1, 1, 1, false), y);
    y = n.add("b1.bn2", new Op.BatchNorm(a), y);
    x = n.add("b1.add", new Op.Add(), y, x);
    x = n.add("b1.relu", new Op.Act(Activation.RELU), x);
    y = n.add("b2.conv1", new Op.Conv2d(a, c, 3, 2, 1, 1, false), x);
    y = n.add("b2.bn1", new Op.BatchNorm(c), y);
    y = n.add("b2.relu1", new Op.Act(Activation.RELU), y);
    y = n.add("b2.conv2", new Op.Conv2d(c, d, 3, 1, 1, 1, false), y);
    y = n.add("b2.bn2", new Op.BatchNorm(d), y);
    int s = n.add("b2.shortcut", new Op.Conv2d(a, d, 1, 2, 0, 1, false), x);
    s = n.add("b2.shortcut.bn", new Op.BatchNorm(d), s);
    x = n.add("b2.add", new Op.Add(), y, s);
    x = n.add("b2.relu", new Op.Act(Activation.RELU), x);
    x = n.add("pool", new Op.GlobalAvgPool(), x);
    n.add("fc", new Op.Dense(d, 10, true), x);
    return n.build();
  }

  /** A CNN with a flatten: conv (a), max pool, flatten, dense (e), logits. Groups: input, a, e, logits. */
  static Network cnn(int a, int e) {
    NetworkBuilder n = new NetworkBuilder("test_cnn", new TensorShape(1, 6, 6));
    int x = n.add("conv", new Op.Conv2d(1, a, 3, 1, 1, 1, true), 0);
    x = n.add("relu", new Op.Act(Activation.RELU), x);
    x = n.add("pool", new Op.Pool(true, 2, 2, 0), x);
    x = n.add("flatten", new Op.Flatten(), x);
    x = n.add("fc1", new Op.Dense(a * 9, e, true), x);
    x = n.add("bn", new Op.BatchNorm(e), x);
    x = n.add("relu1", new Op.Act(Activation.RELU), x);
    n.add("fc2", new Op.Dense(e, 10, true), x);
    return n.build();
  }

  /** Weights from PyTorch's default initialization with batch-norm scales, shifts and statistics drawn too. */
  static NetworkWeights weights(Network network, long seed) {
    NetworkWeights drawn = InitialWeights.draw(network, seed);
    NetworkWeights.Builder out = NetworkWeights.builder().putAll(drawn);
    SplittableRandom random = new SplittableRandom(seed);
    for (Node node : network.nodes()) {
      if (node.op() instanceof Op.BatchNorm bn) {
        out.put(node.id(), NetworkWeights.WEIGHT, new int[] {bn.channels()}, draw(random, bn.channels(), 0.5, 1.5));
        out.put(node.id(), NetworkWeights.BIAS, new int[] {bn.channels()}, draw(random, bn.channels(), -0.5, 0.5));
        out.put(node.id(), NetworkWeights.RUNNING_MEAN, new int[] {bn.channels()}, draw(random, bn.channels(), -0.5, 0.5));
        out.put(node.id(), NetworkWeights.RUNNING_VAR, new int[] {bn.channels()}, draw(random, bn.channels(), 0.5, 1.5));
      }
    }
    return out.build();
  }

  private static float[] draw(SplittableRandom random, int n, double lo, double hi) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble(lo, hi);
    }
    return v;
  }

  @Test
  void channelsThatMeetInAnAdditionShareOneGroup() {
    Network net = resnet(8, 6, 12, 16);
    ChannelGroups groups = ChannelGroups.of(net);
    assertThat(groups.groups()).extracting(ChannelGroups.Group::channels).containsExactly(2, 8, 6, 12, 16, 10);
    assertThat(groups.groups()).extracting(ChannelGroups.Group::fixed)
        .containsExactly(true, false, false, false, false, true);
    assertThat(groups.groups().get(1).producers()).containsExactly(id(net, "stem"), id(net, "b1.conv2"));
    assertThat(groups.groups().get(4).producers()).containsExactly(id(net, "b2.conv2"), id(net, "b2.shortcut"));
    assertThat(groups.groupOf(id(net, "b2.shortcut"))).isEqualTo(groups.groupOf(id(net, "b2.conv2"))).isEqualTo(4);
  }

  @Test
  void aSliceIsTheNetworkOfItsWidthsBuiltDirectly() {
    Network full = resnet(8, 6, 12, 16);
    SubnetSlicer slicer = SubnetSlicer.inIndexOrder(ChannelGroups.of(full));
    int[][] cases = {{3, 1, 5, 7}, {8, 6, 12, 16}, {1, 1, 1, 1}, {5, 6, 2, 16}};
    for (int[] w : cases) {
      Network slice = slicer.network(new int[] {2, w[0], w[1], w[2], w[3], 10});
      Network direct = resnet(w[0], w[1], w[2], w[3]);
      assertThat(slice.nodes()).extracting(Node::op).containsExactlyElementsOf(direct.nodes().stream().map(Node::op).toList());
      assertThat(slice.flops()).isEqualTo(direct.flops());
      assertThat(slice.parameters()).isEqualTo(direct.parameters());
    }
    Network flat = cnn(8, 20);
    Network slice = SubnetSlicer.inIndexOrder(ChannelGroups.of(flat)).network(new int[] {1, 3, 7, 10});
    assertThat(slice.nodes()).extracting(Node::op).containsExactlyElementsOf(cnn(3, 7).nodes().stream().map(Node::op).toList());
  }

  @Test
  void theSlicedNetworkComputesWhatTheMaskedFullNetworkComputes() {
    check(resnet(8, 6, 12, 16), new int[] {2, 3, 5, 4, 9, 10}, 11);
    check(resnet(8, 6, 12, 16), new int[] {2, 1, 1, 1, 1, 10}, 12);
    check(cnn(8, 20), new int[] {1, 3, 7, 10}, 13);
  }

  private static void check(Network full, int[] widths, long seed) {
    NetworkWeights w = weights(full, seed);
    ChannelGroups groups = ChannelGroups.of(full);
    // importance order, so that kept channels are not the first ones and a slice that ignored the
    // order would compute something else
    SubnetSlicer slicer = new SubnetSlicer(groups, ChannelImportance.of(groups, w).order());
    Network slice = slicer.network(widths);
    NetworkWeights sliced = slicer.weights(widths, w);
    assertThat(sliced.mismatches(slice)).isEmpty();
    assertThat(sliced.trainableCount()).isEqualTo(slice.parameters());
    Interpreter small = new Interpreter(slice, sliced);
    Interpreter masked = new Interpreter(full, slicer.masked(widths, w));
    Interpreter unmasked = new Interpreter(full, w);
    SplittableRandom random = new SplittableRandom(seed);
    double differs = 0;
    for (int example = 0; example < 5; example++) {
      double[] x = random.doubles((int) full.input().size(), -1, 1).toArray();
      small.forward(x);
      double[] a = small.output().clone();
      masked.forward(x);
      double[] b = masked.output().clone();
      unmasked.forward(x);
      for (int i = 0; i < a.length; i++) {
        assertThat(a[i]).isCloseTo(b[i], within(1e-9 * (1 + Math.abs(b[i]))));
        differs = Math.max(differs, Math.abs(unmasked.output()[i] - b[i]));
      }
    }
    assertThat(differs).as("removing channels changes the logits").isGreaterThan(1e-3);
  }

  @Test
  void nestedSubnetsArePrefixesOfEachOtherAndMeetTheirTargets() {
    Network full = resnet(8, 6, 12, 16);
    NetworkWeights w = weights(full, 5);
    ChannelGroups groups = ChannelGroups.of(full);
    ChannelImportance importance = ChannelImportance.of(groups, w);
    double[] targets = {0.25, 0.5, 0.75, 1.0};
    List<int[]> widths = SubnetWidths.nonUniform(importance, targets);
    assertThat(widths).hasSize(4);
    assertThat(widths.get(3)).containsExactly(groups.fullWidths());
    SubnetSlicer slicer = new SubnetSlicer(groups, importance.order());
    for (int k = 0; k < widths.size(); k++) {
      assertThat((double) slicer.network(widths.get(k)).flops()).isLessThanOrEqualTo(targets[k] * full.flops());
      if (k > 0) {
        for (Node node : full.nodes()) {
          int[] smaller = slicer.kept(node.id(), widths.get(k - 1));
          int[] larger = slicer.kept(node.id(), widths.get(k));
          if (groups.layout(node.id()).size() == 1 && groups.layout(node.id()).get(0).perChannel() == 1) {
            assertThat(Arrays.copyOf(larger, smaller.length)).as(node.name()).containsExactly(smaller);
          }
        }
        // the sliced weights of the smaller subnet are the leading block of the larger one's
        NetworkWeights a = slicer.weights(widths.get(k - 1), w);
        NetworkWeights b = slicer.weights(widths.get(k), w);
        int conv = id(full, "b2.conv2");
        Tensor ta = a.get(conv, NetworkWeights.WEIGHT);
        Tensor tb = b.get(conv, NetworkWeights.WEIGHT);
        int[] sa = ta.shape();
        int[] sb = tb.shape();
        for (int r = 0; r < sa[0]; r++) {
          for (int c = 0; c < sa[1]; c++) {
            for (int q = 0; q < 9; q++) {
              assertThat(ta.values()[(r * sa[1] + c) * 9 + q]).isEqualTo(tb.values()[(r * sb[1] + c) * 9 + q]);
            }
          }
        }
      }
      for (int g = 0; g < groups.groups().size(); g++) {
        if (k > 0) {
          assertThat(widths.get(k - 1)[g]).isLessThanOrEqualTo(widths.get(k)[g]);
        }
      }
    }
    // non-uniform: the layers of a subnet are not all at one ratio of their full width
    int[] quarter = widths.get(0);
    double[] ratios = {(double) quarter[1] / 8, (double) quarter[2] / 6, (double) quarter[3] / 12, (double) quarter[4] / 16};
    assertThat(Arrays.stream(ratios).max().orElseThrow() - Arrays.stream(ratios).min().orElseThrow()).isGreaterThan(0.1);
    // the same weights give the same widths
    List<int[]> again = SubnetWidths.nonUniform(ChannelImportance.of(groups, weights(full, 5)), targets);
    for (int k = 0; k < 4; k++) {
      assertThat(again.get(k)).containsExactly(widths.get(k));
    }
  }

  @Test
  void importanceIsTheNormOfEveryWeightThatProducesTheChannel() {
    Network full = resnet(8, 6, 12, 16);
    NetworkWeights w = weights(full, 3);
    ChannelImportance importance = ChannelImportance.of(ChannelGroups.of(full), w);
    // group 4 is produced by b2.conv2 [16, 12, 3, 3] and b2.shortcut [16, 8, 1, 1]; sum index by index
    Tensor conv = w.get(id(full, "b2.conv2"), NetworkWeights.WEIGHT);
    Tensor shortcut = w.get(id(full, "b2.shortcut"), NetworkWeights.WEIGHT);
    for (int channel = 0; channel < 16; channel++) {
      double sum = 0;
      for (int i = 0; i < 12; i++) {
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 3; x++) {
            double v = conv.values()[((channel * 12 + i) * 3 + y) * 3 + x];
            sum += v * v;
          }
        }
      }
      for (int i = 0; i < 8; i++) {
        double v = shortcut.values()[channel * 8 + i];
        sum += v * v;
      }
      assertThat(importance.norm(4, channel)).isCloseTo(Math.sqrt(sum), within(1e-9));
    }
    double meanSquare = 0;
    for (int channel = 0; channel < 16; channel++) {
      meanSquare += importance.normalized(4, channel) * importance.normalized(4, channel) / 16;
    }
    assertThat(meanSquare).isCloseTo(1, within(1e-12));
  }

  @Test
  void uniformWidthsShareOneRatioAndMeetTheirTargets() {
    Network full = resnet(8, 6, 12, 16);
    ChannelGroups groups = ChannelGroups.of(full);
    double[] targets = {0.25, 0.5, 1.0};
    List<int[]> widths = SubnetWidths.uniform(groups, targets);
    SubnetSlicer slicer = SubnetSlicer.inIndexOrder(groups);
    for (int k = 0; k < targets.length; k++) {
      assertThat((double) slicer.network(widths.get(k)).flops()).isLessThanOrEqualTo(targets[k] * full.flops());
    }
    assertThat(widths.get(2)).containsExactly(groups.fullWidths());
    // brute force over every ratio step of 1/1000: none within the target has more FLOPs
    for (int k = 0; k < targets.length; k++) {
      long best = 0;
      for (int step = 0; step <= 1000; step++) {
        long f = slicer.network(SubnetWidths.scaled(groups, step / 1000.0)).flops();
        if (f <= targets[k] * full.flops()) {
          best = Math.max(best, f);
        }
      }
      assertThat(slicer.network(widths.get(k)).flops()).isEqualTo(best);
    }
  }

  @Test
  void badTargetsAndUnsliceableNetworksAreRefused() {
    ChannelGroups groups = ChannelGroups.of(resnet(8, 6, 12, 16));
    for (double[] bad : new double[][] {{}, {0.0, 1.0}, {0.5, 1.5}, {0.75, 0.5}, {0.5, 0.5}}) {
      assertThatThrownBy(() -> SubnetWidths.uniform(groups, bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> SubnetWidths.uniform(groups, new double[] {0.001}))
        .hasMessageContaining("below").hasMessageContaining("one channel per layer");
    NetworkBuilder gather = new NetworkBuilder("links", TensorShape.vector(4));
    int h = gather.add("fc1", new Op.Dense(4, 6, true), 0);
    int g = gather.add("links", new Op.Gather(new int[] {0, 2}), h);
    gather.add("fc2", new Op.Dense(2, 3, true), g);
    assertThatThrownBy(() -> ChannelGroups.of(gather.build())).hasMessageContaining("gathers");
    NetworkBuilder linear = new NetworkBuilder("linear", TensorShape.vector(4));
    linear.add("fc", new Op.Dense(4, 3, true), 0);
    assertThatThrownBy(() -> ChannelGroups.of(linear.build())).hasMessageContaining("no channel to remove");
    assertThatThrownBy(() -> SubnetSlicer.inIndexOrder(groups).network(new int[] {2, 9, 6, 12, 16, 10}))
        .hasMessageContaining("1..8");
  }

  private static int id(Network net, String name) {
    return net.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().id();
  }
}
