package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SubnormalFlushTest {

  /** Read at run time, so that no compiler folds the division below into a constant. */
  private static volatile float four = 4f;

  /** A subnormal float (about 2.9e-39) computed at run time. */
  private static float quarterOfSmallestNormal() {
    return Float.MIN_NORMAL / four;
  }

  @Test
  void theBuildMachineFlushes() {
    assumeTrue(System.getProperty("os.arch").equals("amd64"));
    assertThat(SubnormalFlush.active()).as("x86-64 Linux reaches libm's fegetenv/fesetenv through JNA").isTrue();
  }

  @Test
  void flushesInJavaAndInTheNativesOnlyWhileOpen() {
    assumeTrue(SubnormalFlush.active());
    assertThat(quarterOfSmallestNormal()).isGreaterThan(0f);
    INDArray x = Nd4j.valueArrayOf(new long[] {64}, Float.MIN_NORMAL, DataType.FLOAT);
    assertThat(x.mul(0.25).getFloat(0)).isGreaterThan(0f);
    try (SubnormalFlush.Scope flush = SubnormalFlush.open()) {
      assertThat(quarterOfSmallestNormal()).isZero();
      assertThat(x.mul(0.25).maxNumber().floatValue()).isZero();
      assertThat(x.mul(2).getFloat(0)).isEqualTo(2 * Float.MIN_NORMAL); // normal values untouched
    }
    // the plain IEEE path is back after the scope
    assertThat(quarterOfSmallestNormal()).isEqualTo(Float.MIN_NORMAL / 4);
    assertThat(x.mul(0.25).getFloat(0)).isEqualTo(Float.MIN_NORMAL / 4);
  }

  @Test
  void scopesNest() {
    assumeTrue(SubnormalFlush.active());
    try (SubnormalFlush.Scope outer = SubnormalFlush.open()) {
      try (SubnormalFlush.Scope inner = SubnormalFlush.open()) {
        assertThat(quarterOfSmallestNormal()).isZero();
      }
      assertThat(quarterOfSmallestNormal()).as("the outer scope still flushes").isZero();
    }
    assertThat(quarterOfSmallestNormal()).isGreaterThan(0f);
  }
}
