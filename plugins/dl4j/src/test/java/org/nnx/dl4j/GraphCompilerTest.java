package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nnx.architectures.CellsFamily;
import org.nnx.architectures.DenseCnnFamily;
import org.nnx.architectures.DenseMlpFamily;
import org.nnx.architectures.ResNetFamily;
import org.nnx.architectures.TestParameters;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.InitialWeights;
import org.nnx.model.Interpreter;
import org.nnx.model.NetworkWeights;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;

class GraphCompilerTest {

  static Network build(ArchitectureFamily family, long seed, Object... namesAndValues) {
    return family.build(TestParameters.of(family, namesAndValues), new BuildContext(seed));
  }

  static CompiledGraph compile(Network network, long seed) {
    NetworkWeights w = InitialWeights.draw(network, seed);
    return GraphCompiler.compile(network, w, new Adam(1e-3), 0, DataType.FLOAT);
  }

  static double[] softmax(double[] logits) {
    double max = java.util.Arrays.stream(logits).max().orElseThrow();
    double sum = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** Compiles {@code network} and compares its softmax output on random inputs with the reference interpreter. */
  static void assertSameFunction(Network network, long seed) {
    assertSameFunction(network, seed, DataType.DOUBLE, 1e-9);
  }

  /** As above in {@code type}, with probabilities within {@code tolerance}. */
  static void assertSameFunction(Network network, long seed, DataType type, double tolerance) {
    NetworkWeights w = InitialWeights.draw(network, seed);
    CompiledGraph g = GraphCompiler.compile(network, w, new Adam(1e-3), 0, type);
    assertThat(g.trainableParameters()).isEqualTo(network.parameters());
    int batch = 3;
    int size = Math.toIntExact(network.input().size());
    Random r = new Random(seed);
    double[][] x = new double[batch][size];
    INDArray input = Nd4j.create(type, g.inputShape(batch));
    INDArray flat = input.reshape(batch, size);
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < size; i++) {
        x[b][i] = r.nextDouble() * 2 - 1;
        flat.putScalar(b, i, x[b][i]);
      }
    }
    INDArray out = g.graph().outputSingle(false, input);
    Interpreter interpreter = new Interpreter(network, w);
    for (int b = 0; b < batch; b++) {
      double[] expected = softmax(interpreter.forward(x[b])[network.nodes().size() - 1]);
      for (int c = 0; c < expected.length; c++) {
        assertThat(out.getDouble(b, c)).as(network.family() + " example " + b + " class " + c)
            .isCloseTo(expected[c], within(tolerance));
      }
    }
  }

  @Test
  void denseMlpHasTheIrParameterCountAndFunction() {
    Network mlp = build(new DenseMlpFamily(), 7, "width", 8, "depth", 8, "tc", 10, "inputs", 784, "classes", 10);
    assertThat(mlp.parameters()).isEqualTo(7286);
    assertThat(compile(mlp, 1).trainableParameters()).isEqualTo(7286);
    for (Activation a : Activation.values()) {
      Network small = build(new DenseMlpFamily(), 3, "width", 5, "depth", 6, "tc", 4, "inputs", 7, "classes", 3,
          "activation", a.keyword());
      assertSameFunction(small, 5);
      assertSameFunction(small, 5, DataType.FLOAT, 1e-5);
    }
  }

  @Test
  void cellsHaveTheIrParameterCountAndFunction() {
    CellsFamily cells = new CellsFamily();
    Network net = build(cells, 11, "inputs", 10, "classes", 4, "cells", List.of(
        TestParameters.record(CellsFamily.CELL, "width", 6, "depth", 5, "tc", 7),
        TestParameters.record(CellsFamily.CELL, "width", 4, "depth", 4, "tc", 3)));
    assertThat(compile(net, 2).trainableParameters()).isEqualTo(net.parameters());
    assertSameFunction(net, 3);
  }

  @Test
  void denseCnnHasTheIrParameterCountAndFunction() {
    Network cnn = build(new DenseCnnFamily(), 5, "cells", 2, "cell_depth", 4, "width_multiplier", 1, "tc", List.of(5, 9),
        "classes", 10, "inputs", List.of(1, 8, 8));
    assertThat(compile(cnn, 4).trainableParameters()).isEqualTo(cnn.parameters());
    assertSameFunction(cnn, 4);
    Network depthwise = build(new DenseCnnFamily(), 5, "cells", 2, "cell_depth", 3, "width_multiplier", 1, "tc", 6,
        "classes", 10, "depthwise", true, "inputs", List.of(2, 8, 8));
    assertThat(compile(depthwise, 4).trainableParameters()).isEqualTo(depthwise.parameters());
    assertSameFunction(depthwise, 6);
  }

  @Test
  void groupedConvolutionsPoolingAndResidualAdditionsMatchTheReference() {
    NetworkBuilder b = new NetworkBuilder("test", new TensorShape(4, 9, 9));
    int x = b.add("conv1", new Op.Conv2d(4, 6, 3, 1, 1, 2, true), 0);
    x = b.add("bn1", new Op.BatchNorm(6), x);
    x = b.add("pool", new Op.Pool(true, 3, 2, 1), x);
    int y = b.add("dw", new Op.Conv2d(6, 12, 3, 1, 1, 6, false), x);
    y = b.add("pw", new Op.Conv2d(12, 6, 1, 1, 0, 3, true), y);
    y = b.add("act", new Op.Act(Activation.TANH), y);
    x = b.add("add", new Op.Add(), x, y);
    int p = b.add("avg", new Op.Pool(false, 2, 2, 0), x);
    int f = b.add("flatten", new Op.Flatten(), p);
    int gp = b.add("gap", new Op.GlobalAvgPool(), x);
    int cat = b.add("cat", new Op.Concat(), f, gp);
    b.add("fc", new Op.Dense(Math.toIntExact(b.shape(cat).size()), 5, true), cat);
    Network net = b.build();
    assertSameFunction(net, 8);
  }

  @Test
  void scaledResidualAndDenseMlpsMatchTheReference() {
    for (Activation a : List.of(Activation.RELU, Activation.TANH)) {
      Network residual = MlpNetworks.build(MlpNetworks.Skip.RESIDUAL, 0.5, 6, 5, 4, 3, a);
      assertThat(residual.nodes()).filteredOn(n -> n.op() instanceof Op.Scale).hasSize(3);
      assertSameFunction(residual, 9);
      assertSameFunction(residual, 9, DataType.FLOAT, 1e-5);
      assertSameFunction(MlpNetworks.build(MlpNetworks.Skip.DENSE, 1.0, 6, 5, 4, 3, a), 10);
    }
  }

  /**
   * conv, batch norm, relu, conv, relu, max pooling, a relu with two consumers, and a residual sum
   * with a relu: the relus that follow a batch norm or the sum and the one before a max pooling have
   * no vertex of their own, the one with two consumers does. {@link GradientCheckTest} checks this
   * network's gradients.
   */
  static Network rectifiedCnn() {
    NetworkBuilder b = new NetworkBuilder("rectified", new TensorShape(2, 6, 6));
    int x = b.add("conv1", new Op.Conv2d(2, 4, 3, 1, 1, 1, false), 0);
    x = b.add("bn1", new Op.BatchNorm(4), x);
    x = b.add("relu1", new Op.Act(Activation.RELU), x);
    x = b.add("conv2", new Op.Conv2d(4, 6, 3, 1, 1, 1, true), x);
    x = b.add("relu2", new Op.Act(Activation.RELU), x);
    x = b.add("pool", new Op.Pool(true, 2, 2, 0), x);
    int y = b.add("conv3", new Op.Conv2d(6, 6, 1, 1, 0, 1, true), x);
    int r = b.add("relu3", new Op.Act(Activation.RELU), y);
    int z = b.add("pool3", new Op.Pool(true, 3, 1, 1), r);
    // the signed y makes the sum's rectifier matter
    z = b.add("add", new Op.Add(), z, y, r);
    z = b.add("relu4", new Op.Act(Activation.RELU), z);
    z = b.add("flatten", new Op.Flatten(), z);
    b.add("fc", new Op.Dense(Math.toIntExact(b.shape(z).size()), 3, true), z);
    return b.build();
  }

  @Test
  void rectifiersAfterBatchNormsAndSumsAndBeforeMaxPoolingsAreFusedIntoThem() {
    Network net = rectifiedCnn();
    assertSameFunction(net, 12);
    assertSameFunction(net, 12, DataType.FLOAT, 1e-5);
    var conf = compile(net, 1).graph().getConfiguration().getVertices();
    assertThat(conf).doesNotContainKeys("relu1", "relu2", "relu4").containsKey("relu3");
    assertThat(conf.get("add")).isInstanceOf(RectifiedAddVertex.class);
    // the fused layers' settings survive DL4J's JSON form of the configuration
    var json = compile(net, 1).graph().getConfiguration();
    assertThat(org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(json.toJson())).isEqualTo(json);
    assertThat(conf.get("bn1")).extracting(v -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) v).getLayerConf()
        .getLayer()).isInstanceOfSatisfying(FusedBatchNormalization.class, l -> assertThat(l.isRectified()).isTrue());
    assertThat(conf.get("pool")).extracting(v -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) v).getLayerConf()
        .getLayer()).isInstanceOfSatisfying(FusedPoolingLayer.class, l -> assertThat(l.isRectified()).isTrue());
    assertThat(conf.get("pool3")).extracting(v -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) v).getLayerConf()
        .getLayer()).isInstanceOfSatisfying(FusedPoolingLayer.class, l -> assertThat(l.isRectified()).isFalse());
    // channels-last output only where every consumer is a 2x2 max pooling: conv2, not conv1 (a batch
    // norm reads it) nor conv3 (a 3x3 pooling and a sum)
    for (String name : new String[] {"conv1", "conv2", "conv3"}) {
      assertThat(conf.get(name)).extracting(v -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) v).getLayerConf()
          .getLayer()).isInstanceOfSatisfying(FusedConvolutionLayer.class,
              l -> assertThat(l.isChannelsLastOutput()).as(name).isEqualTo(name.equals("conv2")));
    }
  }

  @Test
  void resnet18BuildsWithTorchvisionsParameterCountAndRunsForward() {
    Network resnet = build(new ResNetFamily(), 0, "depth", 18);
    CompiledGraph g = compile(resnet, 3);
    assertThat(g.trainableParameters()).isEqualTo(11_689_512L).isEqualTo(resnet.parameters());
    INDArray image = Nd4j.rand(DataType.FLOAT, g.inputShape(1));
    INDArray out = g.graph().outputSingle(false, image);
    assertThat(out.shape()).containsExactly(1, 1000);
    assertThat(out.sumNumber().doubleValue()).isCloseTo(1.0, within(1e-4));
  }
}
