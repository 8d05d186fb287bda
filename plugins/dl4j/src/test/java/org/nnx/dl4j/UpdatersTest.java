package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
  void sgdFollowsPyTorchWithAndWithoutMomentum() {
    checkSgd(0, false);
    checkSgd(0.9, false);
    checkSgd(0.9, true);
    assertThatThrownBy(() -> new TorchSgd(0.1, null, 0, true)).hasMessageContaining("momentum > 0");
  }
}
