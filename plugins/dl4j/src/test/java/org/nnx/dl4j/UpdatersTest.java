package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

class UpdatersTest {

  @Test
  void cosineScheduleAnnealsToZero() {
    CosineSchedule s = new CosineSchedule(0.1, 100);
    assertThat(s.valueAt(0, 0)).isEqualTo(0.1);
    assertThat(s.valueAt(50, 0)).isCloseTo(0.05, within(1e-15));
    assertThat(s.valueAt(25, 3)).isCloseTo(0.1 * (1 + Math.cos(Math.PI / 4)) / 2, within(1e-15));
    assertThat(s.valueAt(100, 0)).isCloseTo(0, within(1e-15));
    assertThat(s.valueAt(150, 0)).isCloseTo(0, within(1e-15));
    assertThat(s.clone()).isEqualTo(s);
  }

  @Test
  void schedulesFromTheSettings() {
    IUpdater step = TrainingOptions.from(TrainerTest.settings("schedule",
        TrainerTest.variant("step", "step_size", 2L, "gamma", 0.5))).updater(10);
    assertThat(step.getLearningRate(0, 0)).isEqualTo(1e-3);
    assertThat(step.getLearningRate(35, 1)).isEqualTo(1e-3);
    assertThat(step.getLearningRate(35, 2)).isEqualTo(5e-4);
    assertThat(step.getLearningRate(35, 5)).isEqualTo(2.5e-4);
    IUpdater cosine = TrainingOptions.from(TrainerTest.settings("schedule", TrainerTest.variant("cosine"),
        "epochs", 2L)).updater(10);
    assertThat(cosine.getLearningRate(10, 1)).isCloseTo(5e-4, within(1e-15));
    IUpdater constant = TrainingOptions.from(TrainerTest.settings()).updater(10);
    assertThat(constant.getLearningRate(1000, 7)).isEqualTo(1e-3);
  }

  /** Three steps of torch.optim.SGD, computed by hand, against the updater. */
  private static void checkSgd(double momentum, boolean nesterov) {
    double lr = 0.1;
    TorchSgd config = new TorchSgd(lr, null, momentum, nesterov);
    int n = 4;
    INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, config.stateSize(n));
    GradientUpdater u = config.stateSize(n) > 0 ? config.instantiate(state, true) : config.instantiate((INDArray) null, true);
    double[] buffer = new double[n];
    double[][] grads = {{1, -2, 0.5, 3}, {0.5, 1, -1, 2}, {-1, 0, 2, 1}};
    for (int t = 0; t < grads.length; t++) {
      INDArray g = Nd4j.createFromArray(grads[t]).reshape(1, n);
      u.applyUpdater(g, t, 0);
      for (int i = 0; i < n; i++) {
        double gi = grads[t][i];
        buffer[i] = momentum * buffer[i] + gi;
        double d = momentum == 0 ? gi : nesterov ? gi + momentum * buffer[i] : buffer[i];
        assertThat(g.getDouble(0, i)).as("step " + t + " element " + i).isCloseTo(lr * d, within(1e-12));
      }
    }
  }

  @Test
  void adamFollowsPyTorchOnViewsOfLargerArrays() {
    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      double lr = 0.01;
      double b1 = 0.8;
      double b2 = 0.95;
      double eps = 1e-3;
      TorchAdam config = new TorchAdam(lr, null, b1, b2, eps);
      int n = 5;
      // as in DL4J, state and gradient are views at an offset into the flattened arrays
      INDArray stateAll = Nd4j.zeros(type, 1, 3 + 2 * n);
      INDArray state = stateAll.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 3 + 2 * n));
      GradientUpdater u = config.instantiate(state, true);
      INDArray gradAll = Nd4j.zeros(type, 1, n + 4);
      INDArray grad = gradAll.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + n));
      double[] m = new double[n];
      double[] v = new double[n];
      double[][] grads = {{1, -2, 0.5, 3, 0}, {0.5, 1, -1, 2, 0.1}, {-1, 0, 2, 1, -0.3}};
      for (int t = 0; t < grads.length; t++) {
        gradAll.assign(7);
        for (int i = 0; i < n; i++) {
          grad.putScalar(0, i, grads[t][i]);
        }
        u.applyUpdater(grad, t, 0);
        for (int i = 0; i < n; i++) {
          double g = grads[t][i];
          m[i] = b1 * m[i] + (1 - b1) * g;
          v[i] = b2 * v[i] + (1 - b2) * g * g;
          double step = lr / (1 - Math.pow(b1, t + 1)) * m[i] / (Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t + 1)) + eps);
          assertThat(grad.getDouble(0, i)).as(type + " step " + t + " element " + i)
              .isCloseTo(step, within(type == DataType.FLOAT ? 1e-6 : 1e-14));
        }
        assertThat(gradAll.getDouble(0, 0)).isEqualTo(7); // nothing outside the view is touched
        assertThat(gradAll.getDouble(0, n + 3)).isEqualTo(7);
      }
      // DL4J's state arrays hold the moments once asked for them
      INDArray first = (INDArray) u.getState().get("M");
      assertThat(first.getDouble(0)).isCloseTo(m[0], within(1e-6));
      assertThat(stateAll.getDouble(0, 3)).isCloseTo(m[0], within(1e-6));
      assertThat(stateAll.getDouble(0, 3 + n + 1)).isCloseTo(v[1], within(1e-6));
      assertThat(stateAll.getDouble(0, 0)).isZero();
    }
  }

  @Test
  void sgdFollowsPyTorchWithAndWithoutMomentum() {
    checkSgd(0, false);
    checkSgd(0.9, false);
    checkSgd(0.9, true);
    assertThatThrownBy(() -> new TorchSgd(0.1, null, 0, true)).hasMessageContaining("momentum > 0");
  }
}
