package org.nnx.dl4j;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelKernels} on the Java Vector API ({@code jdk.incubator.vector}, Java 17's second
 * incubator), bit for bit equal to {@link PlainChannelKernels}: the element-wise loops do each
 * lane's float operations in the plain loop's order (IEEE operations lane by lane, no fused
 * multiply-add), and the sums keep the plain loop's four double partial sums as the four lanes of
 * one 256-bit vector, fed four floats at a time, widened to double. Loaded only by {@link
 * ChannelKernels#fastest()} where the module is there.
 */
final class VectorChannelKernels implements ChannelKernels {

  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = FLOATS.withLanes(int.class);
  private static final VectorSpecies<Float> FOUR_FLOATS = FloatVector.SPECIES_128;
  private static final VectorSpecies<Double> FOUR_DOUBLES = DoubleVector.SPECIES_256;

  /** Whether the CPU's vectors suit these loops: at least 256 bits (AVX2), below which the Vector API gains nothing. */
  static boolean suited() {
    return FLOATS.vectorBitSize() >= 256;
  }

  @Override
  public void sums(float[] e, float[] h, int offset, int n, double[] sums) {
    DoubleVector s = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector q = DoubleVector.zero(FOUR_DOUBLES);
    int p = 0;
    for (; p + 3 < n; p += 4) {
      DoubleVector a = (DoubleVector) FloatVector.fromArray(FOUR_FLOATS, e, p)
          .convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
      DoubleVector b = (DoubleVector) FloatVector.fromArray(FOUR_FLOATS, h, offset + p)
          .convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
      s = s.add(a);
      q = q.add(a.mul(b));
    }
    // lane() is no intrinsic in Java 17: through an array
    double[] sl = s.toArray();
    double[] ql = q.toArray();
    for (; p < n; p++) {
      double a = e[p];
      sl[0] += a;
      ql[0] += a * h[offset + p];
    }
    sums[0] += (sl[0] + sl[1]) + (sl[2] + sl[3]);
    sums[1] += (ql[0] + ql[1]) + (ql[2] + ql[3]);
  }

  @Override
  public void normalize(float[] v, float[] h, int offset, int n, float mean, float inverseStd, float gamma,
      float beta, boolean rectified) {
    FloatVector m = FloatVector.broadcast(FLOATS, mean);
    FloatVector inv = FloatVector.broadcast(FLOATS, inverseStd);
    FloatVector g = FloatVector.broadcast(FLOATS, gamma);
    FloatVector be = FloatVector.broadcast(FLOATS, beta);
    int p = 0;
    for (int end = FLOATS.loopBound(n); p < end; p += FLOATS.length()) {
      FloatVector hp = FloatVector.fromArray(FLOATS, v, p).sub(m).mul(inv);
      hp.intoArray(h, offset + p);
      FloatVector y = hp.mul(g).add(be);
      (rectified ? rectify(y) : y).intoArray(v, p);
    }
    for (; p < n; p++) {
      float hp = (v[p] - mean) * inverseStd;
      h[offset + p] = hp;
      float y = gamma * hp + beta;
      v[p] = rectified ? Float.intBitsToFloat(Float.floatToRawIntBits(y) & Rectifier.mask(y)) : y;
    }
  }

  @Override
  public void mask(float[] e, float[] h, int offset, int n, float gamma, float beta) {
    FloatVector g = FloatVector.broadcast(FLOATS, gamma);
    FloatVector be = FloatVector.broadcast(FLOATS, beta);
    IntVector zero = IntVector.zero(INTS);
    int p = 0;
    for (int end = FLOATS.loopBound(n); p < end; p += FLOATS.length()) {
      IntVector y = FloatVector.fromArray(FLOATS, h, offset + p).mul(g).add(be).reinterpretAsInts();
      IntVector bits = FloatVector.fromArray(FLOATS, e, p).reinterpretAsInts();
      // Rectifier.mask: kept where y's bits, as a signed integer, are positive (y > 0, or a positive NaN)
      bits.blend(zero, y.compare(VectorOperators.LE, zero)).reinterpretAsFloats().intoArray(e, p);
    }
    for (; p < n; p++) {
      e[p] = Float.intBitsToFloat(Float.floatToRawIntBits(e[p]) & Rectifier.mask(gamma * h[offset + p] + beta));
    }
  }

  @Override
  public void mask(float[] e, float[] y, int n) {
    IntVector zero = IntVector.zero(INTS);
    int p = 0;
    for (int end = FLOATS.loopBound(n); p < end; p += FLOATS.length()) {
      IntVector bits = FloatVector.fromArray(FLOATS, e, p).reinterpretAsInts();
      IntVector yb = FloatVector.fromArray(FLOATS, y, p).reinterpretAsInts();
      bits.blend(zero, yb.compare(VectorOperators.LE, zero)).reinterpretAsFloats().intoArray(e, p);
    }
    for (; p < n; p++) {
      e[p] = Float.intBitsToFloat(Float.floatToRawIntBits(e[p]) & Rectifier.mask(y[p]));
    }
  }

  @Override
  public void inputGradient(float[] e, float[] h, int offset, int n, float a, float b, float d) {
    FloatVector av = FloatVector.broadcast(FLOATS, a);
    FloatVector bv = FloatVector.broadcast(FLOATS, b);
    FloatVector dv = FloatVector.broadcast(FLOATS, d);
    int p = 0;
    for (int end = FLOATS.loopBound(n); p < end; p += FLOATS.length()) {
      FloatVector.fromArray(FLOATS, e, p).mul(av).sub(bv).sub(FloatVector.fromArray(FLOATS, h, offset + p).mul(dv))
          .intoArray(e, p);
    }
    for (; p < n; p++) {
      e[p] = a * e[p] - b - d * h[offset + p];
    }
  }

  private static FloatVector rectify(FloatVector y) {
    IntVector bits = y.reinterpretAsInts();
    IntVector zero = IntVector.zero(INTS);
    return bits.blend(zero, bits.compare(VectorOperators.LE, zero)).reinterpretAsFloats();
  }
}
