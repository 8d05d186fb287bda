package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Vector API's batch-norm loops give the plain loops' floats bit for bit. */
class ChannelKernelsTest {

  private final ChannelKernels plain = new PlainChannelKernels();
  private final ChannelKernels vector = new VectorChannelKernels();

  /** The tests' JVM has the module (surefire's argLine), so the layers run the fast path the tests check. */
  @Test
  void theTestsRunTheVectorKernelsWhereTheCpuSuitsThem() {
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
    assertThat(ChannelKernels.fastest()).isInstanceOf(
        VectorChannelKernels.suited() ? VectorChannelKernels.class : PlainChannelKernels.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 5, 15, 16, 17, 33, 1000, 50_177})
  void sumsAreThePlainLoopsBitForBit(int n) {
    Random r = new Random(n);
    float[] e = values(r, n + 7);
    float[] h = values(r, n + 7);
    for (int offset : new int[] {0, 3, 7}) {
      double[] expected = {1.5, -2.25};
      double[] actual = expected.clone();
      plain.sums(e, h, offset, n, expected);
      vector.sums(e, h, offset, n, actual);
      assertThat(actual).as("offset " + offset).isEqualTo(expected);
    }
    double[] squares = new double[2];
    double[] expected = new double[2];
    plain.sums(e, e, 0, n, expected);
    vector.sums(e, e, 0, n, squares);
    assertThat(squares).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 100, 50_177})
  void elementWiseLoopsAreThePlainLoopsBitForBit(int n) {
    Random r = new Random(31L * n);
    float[] v = values(r, n);
    for (boolean rectified : new boolean[] {false, true}) {
      float[] v1 = v.clone();
      float[] v2 = v.clone();
      float[] h1 = new float[n + 5];
      float[] h2 = new float[n + 5];
      plain.normalize(v1, h1, 5, n, 0.25f, 1.75f, -0.8f, 0.1f, rectified);
      vector.normalize(v2, h2, 5, n, 0.25f, 1.75f, -0.8f, 0.1f, rectified);
      assertBits(v2, v1, "normalize's output, rectified " + rectified);
      assertBits(h2, h1, "normalize's x̂, rectified " + rectified);
    }
    float[] h = values(r, n + 2);
    float[] e1 = values(r, n);
    float[] e2 = e1.clone();
    plain.mask(e1, h, 2, n, 1.3f, -0.05f);
    vector.mask(e2, h, 2, n, 1.3f, -0.05f);
    assertBits(e2, e1, "mask");
    if (n > 100) {
      int zeroed = 0;
      for (int p = 0; p < n; p++) {
        zeroed += Float.floatToRawIntBits(e1[p]) == 0 ? 1 : 0;
      }
      assertThat(zeroed).as("masked values").isBetween(n / 5, 4 * n / 5);
    }
    float[] y = values(r, n);
    float[] m1 = values(r, n);
    float[] m2 = m1.clone();
    plain.mask(m1, y, n);
    vector.mask(m2, y, n);
    assertBits(m2, m1, "mask by the output");
    plain.inputGradient(e1, h, 1, n, 2.5f, 0.3f, -1.1f);
    vector.inputGradient(e2, h, 1, n, 2.5f, 0.3f, -1.1f);
    assertBits(e2, e1, "input gradient");
  }

  /** The rectifier's edge cases: signed zeros, NaNs of both signs, infinities, subnormals. */
  @Test
  void theMaskKeepsWhatRectifierMaskKeeps() {
    float[] y = {0f, -0f, Float.NaN, Float.intBitsToFloat(0xffc00000), Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-38f, -1e-38f, 3f, -3f, 7f, -7f, 0.5f, -0.5f, 2f};
    float[] v1 = y.clone();
    float[] v2 = y.clone();
    plain.normalize(v1, new float[y.length], 0, y.length, 0f, 1f, 1f, 0f, true);
    vector.normalize(v2, new float[y.length], 0, y.length, 0f, 1f, 1f, 0f, true);
    assertBits(v2, v1, "rectified");
    for (int p = 0; p < y.length; p++) {
      int bits = Float.floatToRawIntBits(y[p]);
      assertThat(Float.floatToRawIntBits(v2[p])).as("relu(" + y[p] + ")").isEqualTo(bits > 0 ? bits : 0);
    }
    float[] e = new float[y.length];
    java.util.Arrays.fill(e, -2.5f);
    float[] e1 = e.clone();
    plain.mask(e1, y, 0, y.length, 1f, 0f);
    vector.mask(e, y, 0, y.length, 1f, 0f);
    assertBits(e, e1, "mask");
    float[] byOutput = new float[y.length];
    java.util.Arrays.fill(byOutput, -2.5f);
    vector.mask(byOutput, y, y.length);
    for (int p = 0; p < y.length; p++) {
      assertThat(byOutput[p]).as("gradient where y = " + y[p]).isEqualTo(Float.floatToRawIntBits(y[p]) > 0 ? -2.5f : 0f);
    }
  }

  /** Gaussian values with some exact zeros, of scales from 1e-6 to 1e6: their sums in double are inexact, so the order of the additions shows. */
  private static float[] values(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i % 11 == 0 ? 0f : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(13) - 6));
    }
    return v;
  }

  private static void assertBits(float[] actual, float[] expected, String what) {
    for (int p = 0; p < expected.length; p++) {
      assertThat(Float.floatToRawIntBits(actual[p])).as(what + " at " + p).isEqualTo(Float.floatToRawIntBits(expected[p]));
    }
  }
}
