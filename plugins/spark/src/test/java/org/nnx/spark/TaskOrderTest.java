package org.nnx.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnx.execute.TrialTask;

class TaskOrderTest {

  private static TrialTask task(int trial, double cost) {
    return new TrialTask("f.nnx", "", "x", trial, 0, trial, List.of("nn_mass"), List.of(), List.of(), "/tmp", null,
        false, cost);
  }

  @Test
  void theCostliestTasksComeFirstAndEqualCostsKeepTheirOrder() {
    List<TrialTask> ordered = SparkExecutor.byCost(List.of(task(0, 1), task(1, 5), task(2, 0), task(3, 5),
        task(4, 2)));
    assertThat(ordered).extracting(TrialTask::trial).containsExactly(1, 3, 4, 0, 2);
  }
}
