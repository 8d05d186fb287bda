package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nnx.architectures.CellsFamily;
import org.nnx.architectures.DenseCnnFamily;
import org.nnx.architectures.DenseMlpFamily;
import org.nnx.architectures.TestParameters;
import org.nnx.ir.Network;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;

/**
 * The compiled graphs' backpropagated gradients (fused dense layers, gather vertices, DL4J's own
 * layers) against central finite differences of the loss, in double precision.
 */
class GradientCheckTest {

  private static void check(Network net, long seed, int batch, int checks) {
    NetworkWeights w = InitialWeights.draw(net, seed);
    CompiledGraph compiled = GraphCompiler.compile(net, w, new NoOp(), 0, DataType.DOUBLE);
    ComputationGraph graph = compiled.graph();
    Random r = new Random(seed);
    INDArray x = Nd4j.create(DataType.DOUBLE, compiled.inputShape(batch));
    for (long i = 0; i < x.length(); i++) {
      x.putScalar(i, r.nextGaussian());
    }
    int classes = net.output().channels();
    INDArray y = Nd4j.zeros(DataType.DOUBLE, batch, classes);
    for (int b = 0; b < batch; b++) {
      y.putScalar(b, r.nextInt(classes), 1.0);
    }
    graph.setInputs(x);
    graph.setLabels(y);
    graph.computeGradientAndScore();
    DataSet data = new DataSet(x, y);
    double h = 1e-5;
    int checked = 0;
    int arrays = 0;
    int perParam = Math.max(1, checks / graph.paramTable().size());
    for (Map.Entry<String, INDArray> e : graph.paramTable().entrySet()) {
      String key = e.getKey();
      if (key.endsWith("_mean") || key.endsWith("_var") || key.endsWith("_log10stdev")) {
        continue; // batch-norm running statistics: not trained by gradients
      }
      INDArray p = e.getValue();
      arrays++;
      // DL4J's gradient is the sum over the minibatch; its updater divides by the minibatch size
      INDArray g = graph.gradient().getGradientFor(key);
      for (int k = 0; k < perParam; k++) {
        long[] i = new long[p.rank()];
        for (int d = 0; d < i.length; d++) {
          i[d] = r.nextInt((int) p.size(d));
        }
        double original = p.getDouble(i);
        p.putScalar(i, original + h);
        double plus = graph.score(data, true);
        p.putScalar(i, original - h);
        double minus = graph.score(data, true);
        p.putScalar(i, original);
        double numeric = (plus - minus) / (2 * h);
        double analytic = g.getDouble(i) / batch;
        assertThat(Math.abs(numeric - analytic)).as(net.family() + " " + key + java.util.Arrays.toString(i) + ": analytic " + analytic
            + ", numeric " + numeric).isLessThanOrEqualTo(1e-6 + 1e-4 * Math.abs(numeric));
        checked++;
      }
    }
    assertThat(checked).as("gradients checked").isEqualTo(arrays * perParam).isGreaterThanOrEqualTo(arrays);
  }

  @Test
  void denseMlpGradientsMatchFiniteDifferences() {
    for (String act : List.of("tanh", "elu", "sigmoid")) {
      Network mlp = GraphCompilerTest.build(new DenseMlpFamily(), 3, "width", 5, "depth", 6, "tc", 4, "inputs", 7,
          "classes", 3, "activation", act);
      check(mlp, 1, 4, 60);
    }
  }

  @Test
  void scaledResidualMlpGradientsMatchFiniteDifferences() {
    Network mlp = MlpNetworks.build(MlpNetworks.Skip.RESIDUAL, 0.5, 5, 5, 7, 3, org.nnx.ir.Activation.TANH);
    check(mlp, 4, 4, 60);
  }

  /** Gradient of the loss of a compiled {@code type} graph at the given weights, inputs and labels. */
  private static INDArray gradient(Network net, NetworkWeights w, DataType type, double[][] x, int[] labels) {
    CompiledGraph compiled = GraphCompiler.compile(net, w, new NoOp(), 0, type);
    ComputationGraph graph = compiled.graph();
    int classes = net.output().channels();
    INDArray in = Nd4j.create(type, compiled.inputShape(x.length));
    INDArray y = Nd4j.zeros(type, x.length, classes);
    INDArray flat = in.reshape(x.length, x[0].length);
    for (int b = 0; b < x.length; b++) {
      for (int i = 0; i < x[b].length; i++) {
        flat.putScalar(new long[] {b, i}, x[b][i]);
      }
      y.putScalar(b, labels[b], 1.0);
    }
    graph.setInputs(in);
    graph.setLabels(y);
    graph.computeGradientAndScore();
    return graph.gradient().gradient().castTo(DataType.DOUBLE).dup();
  }

  @Test
  void singlePrecisionFastPathsGiveTheDoublePrecisionGradients() {
    // in FLOAT, small arrays take the Java paths of FusedDenseLayerImpl and SmallArrays; DOUBLE uses ND4J's ops
    Random r = new Random(8);
    for (String act : List.of("relu", "tanh", "elu", "leaky_relu", "abs")) {
      Network mlp = GraphCompilerTest.build(new DenseMlpFamily(), 3, "width", 6, "depth", 6, "tc", 5, "inputs", 9,
          "classes", 4, "activation", act);
      NetworkWeights w = InitialWeights.draw(mlp, 2);
      double[][] x = new double[16][9];
      int[] labels = new int[16];
      for (int b = 0; b < 16; b++) {
        for (int i = 0; i < 9; i++) {
          x[b][i] = r.nextGaussian();
        }
        labels[b] = r.nextInt(4);
      }
      INDArray single = gradient(mlp, w, DataType.FLOAT, x, labels);
      INDArray exact = gradient(mlp, w, DataType.DOUBLE, x, labels);
      double scale = exact.norm2Number().doubleValue();
      assertThat(single.sub(exact).norm2Number().doubleValue()).as(act).isLessThan(1e-5 * scale);
      assertThat(scale).isPositive();
    }
  }

  @Test
  void cellsGradientsMatchFiniteDifferences() {
    Network net = GraphCompilerTest.build(new CellsFamily(), 4, "inputs", 6, "classes", 3, "activation", "tanh",
        "cells", List.of(TestParameters.record(CellsFamily.CELL, "width", 4, "depth", 4, "tc", 3),
            TestParameters.record(CellsFamily.CELL, "width", 3, "depth", 4, "tc", 2)));
    check(net, 2, 5, 80);
  }

  @Test
  void rectifiedBatchNormsSumsAndPoolingsGradientsMatchFiniteDifferences() {
    check(GraphCompilerTest.rectifiedCnn(), 6, 4, 60);
  }

  /** The single-precision loops of the rectified layers and sum give the double-precision (checked) gradients. */
  @Test
  void rectifiedLayersSinglePrecisionPathsGiveTheDoublePrecisionGradients() {
    Network net = GraphCompilerTest.rectifiedCnn();
    NetworkWeights w = InitialWeights.draw(net, 3);
    Random r = new Random(4);
    int size = Math.toIntExact(net.input().size());
    double[][] x = new double[8][size];
    int[] labels = new int[8];
    for (int b = 0; b < 8; b++) {
      for (int i = 0; i < size; i++) {
        x[b][i] = r.nextGaussian();
      }
      labels[b] = r.nextInt(3);
    }
    INDArray single = gradient(net, w, DataType.FLOAT, x, labels);
    INDArray exact = gradient(net, w, DataType.DOUBLE, x, labels);
    double scale = exact.norm2Number().doubleValue();
    assertThat(scale).isPositive();
    assertThat(single.sub(exact).norm2Number().doubleValue()).isLessThan(1e-5 * scale);
  }

  @Test
  void denseCnnGradientsMatchFiniteDifferences() {
    Network cnn = GraphCompilerTest.build(new DenseCnnFamily(), 5, "cells", 1, "cell_depth", 4, "width_multiplier", 1,
        "tc", 6, "classes", 3, "inputs", List.of(2, 4, 4));
    check(cnn, 3, 3, 60);
  }
}
