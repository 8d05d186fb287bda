package org.nnx.subnets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nnx.data.Dataset;
import org.nnx.dl4j.CompiledGraph;
import org.nnx.dl4j.GraphCompiler;
import org.nnx.dl4j.TrainingLoop;
import org.nnx.dl4j.TrainingOptions;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.model.InitScheme;
import org.nnx.model.NetworkWeights;

class JointTrainingTest {

  private static final int EXAMPLES = 16;

  private static Dataset data(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[EXAMPLES * 2 * 8 * 8];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-1, 1);
    }
    int[] y = new int[EXAMPLES];
    for (int i = 0; i < EXAMPLES; i++) {
      y[i] = r.nextInt(10);
    }
    Dataset.Split split = new Dataset.Split(x, y);
    return new Dataset("random", new org.nnx.ir.TensorShape(2, 8, 8), 10, split, split);
  }

  private static TrainingOptions options(String optimizer, double lr, int batch, int epochs) {
    return new TrainingOptions(optimizer, lr, 0.9, 0.999, 1e-8, 0, false, 0, 0, "constant", 1, 1.0, batch, epochs,
        InitScheme.UNIFORM_FAN_IN, 0, 0);
  }

  /**
   * With plain SGD at learning rate 1 and one minibatch of every example, the step moves each shared
   * weight by minus the sum of the gradients of every subnet's loss, which the test computes from a
   * separately compiled graph per subnet and adds into the full arrays with a plain loop over the
   * kept channels.
   */
  @Test
  void oneStepMovesSharedWeightsByTheSumOfEverySubnetsGradient() {
    Network full = SubnetSlicerTest.resnet(6, 4, 5, 6);
    NetworkWeights start = SubnetSlicerTest.weights(full, 3);
    ChannelGroups groups = ChannelGroups.of(full);
    ChannelImportance importance = ChannelImportance.of(groups, start);
    SubnetSlicer slicer = new SubnetSlicer(groups, importance.order());
    int[] small = {2, 3, 2, 3, 4, 10};
    int[] fullWidths = groups.fullWidths();
    Dataset data = data(5);
    List<JointTraining.Subnet> trained = JointTraining.train(slicer, List.of(small, fullWidths), start, data,
        options("sgd", 1.0, EXAMPLES, 1), 7);

    // subnets hold their channels in the slicer's order: compare in the full subnet's order
    NetworkWeights after = trained.get(1).weights();
    NetworkWeights before = slicer.weights(fullWidths, start);
    NetworkWeights.Builder sums = NetworkWeights.builder().putAll(start);
    for (Node node : full.nodes()) {
      if (!(node.op() instanceof Op.Conv2d || node.op() instanceof Op.Dense)) {
        continue;
      }
      for (String name : List.of(NetworkWeights.WEIGHT, NetworkWeights.BIAS)) {
        float[] values = start.valuesOrNull(node.id(), name);
        if (values == null) {
          continue;
        }
        double[] sum = new double[values.length];
        for (int[] widths : List.of(small, fullWidths)) {
          addGradient(sum, slicer, widths, start, data, node, name);
        }
        float[] f = new float[sum.length];
        for (int i = 0; i < f.length; i++) {
          f[i] = (float) sum[i];
        }
        sums.put(node.id(), name, start.get(node.id(), name).shape(), f);
      }
    }
    NetworkWeights expected = slicer.weights(fullWidths, sums.build());
    int checked = 0;
    for (Node node : full.nodes()) {
      if (!(node.op() instanceof Op.Conv2d || node.op() instanceof Op.Dense)) {
        continue;
      }
      for (String name : List.of(NetworkWeights.WEIGHT, NetworkWeights.BIAS)) {
        float[] b = before.valuesOrNull(node.id(), name);
        if (b == null) {
          continue;
        }
        float[] moved = after.get(node.id(), name).values();
        float[] e = expected.get(node.id(), name).values();
        for (int i = 0; i < b.length; i++) {
          assertThat((double) b[i] - moved[i]).as(node.name() + "." + name + "[" + i + "]")
              .isCloseTo(e[i], within(2e-5 + 1e-4 * Math.abs(e[i])));
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(full.parameters() - 2 * (6 + 4 + 6 + 5 + 6 + 6));
    // the small subnet holds the same shared values, and batch norms of its own
    NetworkWeights smallNow = trained.get(0).weights();
    // its channels are the first ones of the full subnet's order
    NetworkWeights sliced = SubnetSlicer.inIndexOrder(ChannelGroups.of(trained.get(1).network())).weights(small, after);
    boolean ownNorms = false;
    for (Node node : trained.get(0).network().nodes()) {
      for (String name : List.of(NetworkWeights.WEIGHT, NetworkWeights.BIAS)) {
        float[] mine = smallNow.valuesOrNull(node.id(), name);
        if (mine == null) {
          continue;
        }
        float[] slice = sliced.get(node.id(), name).values();
        if (node.op() instanceof Op.BatchNorm) {
          ownNorms |= !java.util.Arrays.equals(mine, slice);
        } else {
          assertThat(mine).as(node.name() + "." + name).containsExactly(slice);
        }
      }
    }
    assertThat(ownNorms).as("the small subnet's batch norms differ from the full network's").isTrue();
  }

  /**
   * After joint training, a subnet's own network (its shared slices and its private batch norms)
   * computes in evaluation mode what the full network computes with that subnet's values written
   * into the kept channels and every other channel masked.
   */
  @Test
  void aTrainedSubnetComputesWhatTheMaskedFullNetworkWithItsBatchNormsComputes() {
    Network full = SubnetSlicerTest.resnet(6, 4, 5, 6);
    NetworkWeights start = SubnetSlicerTest.weights(full, 31);
    ChannelGroups groups = ChannelGroups.of(full);
    SubnetSlicer slicer = new SubnetSlicer(groups, ChannelImportance.of(groups, start).order());
    int[] small = {2, 3, 2, 3, 4, 10};
    List<JointTraining.Subnet> trained = JointTraining.train(slicer, List.of(small, groups.fullWidths()), start,
        data(37), options("adam", 0.01, 4, 1), 41);
    JointTraining.Subnet sub = trained.get(0);
    // the full subnet holds every channel in the slicer's order, the small one's first
    Network fullNet = trained.get(1).network();
    NetworkWeights fullWeights = trained.get(1).weights();
    SubnetSlicer prefix = SubnetSlicer.inIndexOrder(ChannelGroups.of(fullNet));
    NetworkWeights.Builder placed = NetworkWeights.builder().putAll(fullWeights);
    for (Node node : fullNet.nodes()) {
      int[] rows = node.op() instanceof Op.BatchNorm ? prefix.kept(node.inputs().get(0), small)
          : prefix.kept(node.id(), small);
      int[] cols = node.inputs().isEmpty() ? new int[0] : prefix.kept(node.inputs().get(0), small);
      sub.weights().tensors(node.id()).forEach((name, t) -> {
        org.nnx.model.Tensor big = fullWeights.get(node.id(), name);
        float[] v = big.values().clone();
        if (t.shape().length == 1) {
          for (int i = 0; i < rows.length; i++) {
            v[rows[i]] = t.values()[i];
          }
        } else {
          int per = t.values().length / (t.shape()[0] * t.shape()[1]);
          for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
              System.arraycopy(t.values(), (i * cols.length + j) * per, v, (rows[i] * big.shape()[1] + cols[j]) * per,
                  per);
            }
          }
        }
        placed.put(node.id(), name, big.shape(), v);
      });
    }
    org.nnx.model.Interpreter own = new org.nnx.model.Interpreter(sub.network(), sub.weights());
    org.nnx.model.Interpreter masked = new org.nnx.model.Interpreter(fullNet, prefix.masked(small, placed.build()));
    SplittableRandom random = new SplittableRandom(43);
    for (int example = 0; example < 5; example++) {
      double[] x = random.doubles((int) full.input().size(), -1, 1).toArray();
      own.forward(x);
      double[] a = own.output().clone();
      masked.forward(x);
      for (int i = 0; i < a.length; i++) {
        assertThat(a[i]).isCloseTo(masked.output()[i], within(1e-9 * (1 + Math.abs(a[i]))));
      }
    }
  }

  /** Adds the gradient of subnet {@code widths}'s loss on every example to {@code into}, in full-array indices. */
  private static void addGradient(double[] into, SubnetSlicer slicer, int[] widths, NetworkWeights start,
      Dataset data, Node node, String name) {
    Network sub = slicer.network(widths);
    CompiledGraph c = GraphCompiler.compile(sub, slicer.weights(widths, start), new NoOp(), 0, 0, DataType.FLOAT);
    try {
      ComputationGraph g = c.graph();
      INDArray x = Nd4j.create(data.train().features(), new long[] {EXAMPLES, 2, 8, 8}, 'c');
      INDArray y = Nd4j.zeros(DataType.FLOAT, EXAMPLES, 10);
      for (int i = 0; i < EXAMPLES; i++) {
        y.putScalar(i, data.train().labels()[i], 1);
      }
      g.setInputs(x);
      g.setLabels(y);
      g.computeGradientAndScore();
      String key = c.layersOf().get(node.id()).get(0) + "_" + (name.equals(NetworkWeights.WEIGHT) ? "W" : "b");
      INDArray d = g.gradient().getGradientFor(key).div(EXAMPLES); // DL4J's gradient sums over examples
      int[] rows = slicer.kept(node.id(), widths);
      int[] cols = slicer.kept(node.inputs().get(0), widths);
      int fullCols = node.op() instanceof Op.Dense dense ? dense.in() : ((Op.Conv2d) node.op()).in();
      if (name.equals(NetworkWeights.BIAS)) {
        float[] v = d.dup('c').data().asFloat();
        for (int i = 0; i < rows.length; i++) {
          into[rows[i]] += v[i];
        }
      } else if (node.op() instanceof Op.Dense) {
        INDArray t = d.transpose().dup('c'); // DL4J keeps dense weights as [in, out]
        float[] v = t.data().asFloat();
        for (int i = 0; i < rows.length; i++) {
          for (int j = 0; j < cols.length; j++) {
            into[rows[i] * fullCols + cols[j]] += v[i * cols.length + j];
          }
        }
      } else {
        int kk = ((Op.Conv2d) node.op()).kernel() * ((Op.Conv2d) node.op()).kernel();
        float[] v = d.dup('c').data().asFloat();
        for (int i = 0; i < rows.length; i++) {
          for (int j = 0; j < cols.length; j++) {
            for (int t = 0; t < kk; t++) {
              into[(rows[i] * fullCols + cols[j]) * kk + t] += v[(i * cols.length + j) * kk + t];
            }
          }
        }
      }
    } finally {
      c.release();
    }
  }

  /**
   * One subnet alone, the full network, with Adam: the update rule and the batch norms' running
   * statistics follow the plain training loop (DL4J's updater with PyTorch's Adam), step for step.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"adam", "sgd"})
  void aloneItTrainsAsThePlainLoopDoes(String optimizer) {
    Network full = SubnetSlicerTest.resnet(4, 3, 3, 4);
    NetworkWeights start = SubnetSlicerTest.weights(full, 11);
    ChannelGroups groups = ChannelGroups.of(full);
    Dataset data = data(13);
    TrainingOptions o = options(optimizer, optimizer.equals("adam") ? 0.01 : 0.1, 4, 2);
    NetworkWeights joint = JointTraining.train(SubnetSlicer.inIndexOrder(groups), List.of(groups.fullWidths()),
        start, data, o, 17).get(0).weights();
    NetworkWeights plain = TrainingLoop.train(full, data, o, 17, Optional.of(start)).run().weights();
    for (int id : plain.nodes()) {
      plain.tensors(id).forEach((name, t) -> {
        float[] mine = joint.get(id, name).values();
        for (int i = 0; i < mine.length; i++) {
          assertThat(mine[i]).as(full.nodes().get(id).name() + "." + name + "[" + i + "]")
              .isCloseTo(t.values()[i], within(2e-5f + 2e-4f * Math.abs(t.values()[i])));
        }
      });
    }
  }

  @Test
  void theSameSeedGivesTheSameSubnets() {
    Network full = SubnetSlicerTest.resnet(4, 3, 3, 4);
    NetworkWeights start = SubnetSlicerTest.weights(full, 19);
    ChannelGroups groups = ChannelGroups.of(full);
    List<int[]> widths = SubnetWidths.uniform(groups, new double[] {0.5, 1});
    TrainingOptions o = options("adam", 0.01, 4, 1);
    List<JointTraining.Subnet> a = JointTraining.train(SubnetSlicer.inIndexOrder(groups), widths, start, data(23), o, 29);
    List<JointTraining.Subnet> b = JointTraining.train(SubnetSlicer.inIndexOrder(groups), widths, start, data(23), o, 29);
    for (int k = 0; k < widths.size(); k++) {
      assertThat(a.get(k).weights()).isEqualTo(b.get(k).weights());
      assertThat(a.get(k).testAccuracy()).isEqualTo(b.get(k).testAccuracy());
    }
  }
}
