package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;

class GroupLassoTest {

  private static final double LR = 0.1;
  private static final double LAMBDA = 0.05;

  /** conv 3x3 (4 filters), relu, flatten, dense 6, relu, dense 3 (the classifier). */
  private static Network network() {
    NetworkBuilder b = new NetworkBuilder("lasso", new TensorShape(2, 5, 5));
    int x = b.add("conv", new Op.Conv2d(2, 4, 3, 1, 0, 1, true), 0);
    x = b.add("relu", new Op.Act(Activation.RELU), x);
    x = b.add("flatten", new Op.Flatten(), x);
    x = b.add("fc1", new Op.Dense(36, 6, true), x);
    x = b.add("relu1", new Op.Act(Activation.RELU), x);
    b.add("fc2", new Op.Dense(6, 3, true), x);
    return b.build();
  }

  private static NetworkWeights stepOnce(Network net, NetworkWeights start, double lambda) {
    CompiledGraph g = GraphCompiler.compile(net, start, new TorchSgd(LR, null, 0, false), 0, lambda, DataType.DOUBLE);
    SplittableRandom random = new SplittableRandom(3);
    INDArray x = Nd4j.create(random.doubles(8 * 50, -1, 1).toArray(), new long[] {8, 2, 5, 5}, 'c');
    INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
    for (int i = 0; i < 8; i++) {
      y.putScalar(i, i % 3, 1);
    }
    g.graph().fit(new INDArray[] {x}, new INDArray[] {y});
    try {
      return g.weights();
    } finally {
      g.release();
    }
  }

  @Test
  void oneStepMovesEveryChannelByLambdaTimesItsUnitDirection() {
    Network net = network();
    NetworkWeights w0 = InitialWeights.draw(net, 11);
    NetworkWeights plain = stepOnce(net, w0, 0);
    NetworkWeights lasso = stepOnce(net, w0, LAMBDA);
    // plain SGD: w1 = w0 - lr (dL/dw + λ w0_i / ||w0_i||), so the two runs differ by lr λ w0_i / ||w0_i||
    for (int node : new int[] {1, 4}) {
      float[] start = w0.get(node, NetworkWeights.WEIGHT).values();
      float[] a = plain.get(node, NetworkWeights.WEIGHT).values();
      float[] b = lasso.get(node, NetworkWeights.WEIGHT).values();
      int rows = w0.get(node, NetworkWeights.WEIGHT).shape()[0];
      int per = start.length / rows;
      for (int r = 0; r < rows; r++) {
        double norm = 0;
        for (int j = r * per; j < (r + 1) * per; j++) {
          norm += (double) start[j] * start[j];
        }
        norm = Math.sqrt(norm);
        for (int j = r * per; j < (r + 1) * per; j++) {
          assertThat((double) a[j] - b[j]).isCloseTo(LR * LAMBDA * start[j] / norm, within(1e-6));
        }
      }
      // biases are not penalized
      assertThat(lasso.get(node, NetworkWeights.BIAS).values()).containsExactly(plain.get(node, NetworkWeights.BIAS).values());
    }
    // nor is the classifier
    assertThat(lasso.get(6, NetworkWeights.WEIGHT).values()).containsExactly(plain.get(6, NetworkWeights.WEIGHT).values());
  }

  @Test
  void theScoreIsLambdaTimesTheSumOfChannelNorms() {
    // flat views as DL4J hands them: channel c owns the c-th of the equal consecutive blocks
    INDArray weights = Nd4j.create(new double[] {3, 4, 0, 1, 0, 0});
    assertThat(new GroupLasso(2, 3).score(weights, 0, 0)).isCloseTo(2 * (5 + 1 + 0), within(1e-12));
    INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 6);
    new GroupLasso(1, 3).apply(weights, gradient, 0.1, 0, 0);
    // the zero channel gets the subgradient 0
    assertThat(gradient.data().asDouble()).containsExactly(0.6, 0.8, 0, 1, 0, 0);
  }
}
