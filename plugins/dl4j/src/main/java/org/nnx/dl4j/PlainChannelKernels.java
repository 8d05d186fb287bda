package org.nnx.dl4j;

/** {@link ChannelKernels} as plain Java loops: the reference the Vector API's kernels are checked against. */
final class PlainChannelKernels implements ChannelKernels {

  @Override
  public void sums(float[] e, float[] h, int offset, int n, double[] sums) {
    // four partial sums: one chain of additions is bound by the adder's latency
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double q0 = 0;
    double q1 = 0;
    double q2 = 0;
    double q3 = 0;
    int p = 0;
    for (; p + 3 < n; p += 4) {
      double a = e[p];
      double b = e[p + 1];
      double c = e[p + 2];
      double d = e[p + 3];
      s0 += a;
      s1 += b;
      s2 += c;
      s3 += d;
      q0 += a * h[offset + p];
      q1 += b * h[offset + p + 1];
      q2 += c * h[offset + p + 2];
      q3 += d * h[offset + p + 3];
    }
    for (; p < n; p++) {
      double a = e[p];
      s0 += a;
      q0 += a * h[offset + p];
    }
    sums[0] += (s0 + s1) + (s2 + s3);
    sums[1] += (q0 + q1) + (q2 + q3);
  }

  @Override
  public void normalize(float[] v, float[] h, int offset, int n, float mean, float inverseStd, float gamma,
      float beta, boolean rectified) {
    for (int p = 0; p < n; p++) {
      float hp = (v[p] - mean) * inverseStd;
      h[offset + p] = hp;
      float y = gamma * hp + beta;
      v[p] = rectified ? Float.intBitsToFloat(Float.floatToRawIntBits(y) & Rectifier.mask(y)) : y;
    }
  }

  @Override
  public void mask(float[] e, float[] h, int offset, int n, float gamma, float beta) {
    for (int p = 0; p < n; p++) {
      e[p] = Float.intBitsToFloat(Float.floatToRawIntBits(e[p]) & Rectifier.mask(gamma * h[offset + p] + beta));
    }
  }

  @Override
  public void mask(float[] e, float[] y, int n) {
    for (int p = 0; p < n; p++) {
      e[p] = Float.intBitsToFloat(Float.floatToRawIntBits(e[p]) & Rectifier.mask(y[p]));
    }
  }

  @Override
  public void inputGradient(float[] e, float[] h, int offset, int n, float a, float b, float d) {
    for (int p = 0; p < n; p++) {
      e[p] = a * e[p] - b - d * h[offset + p];
    }
  }
}
