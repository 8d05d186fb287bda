package org.nnx.dl4j;

/**
 * The loops of the batch norm's single-precision bulk path ({@link FusedBatchNormalizationImpl}) over
 * one channel's values, contiguous in a Java array, and the rectified sum's mask ({@link
 * RectifiedAddVertexImpl}). Two implementations give the same floats bit for
 * bit: {@link PlainChannelKernels}, plain Java loops, and {@link VectorChannelKernels}, the same
 * operations in the same order on the Java Vector API's lanes (about twice as fast for the sums and
 * five times for the element-wise loops, which C2 does not vectorize on its own: their rectifier
 * masks move floats to integer registers). So a result never depends on whether a JVM was started
 * with the Vector API's module ({@code --add-modules jdk.incubator.vector}: the {@code nnx}
 * launcher's training commands and the tests have it, a Spark executor or an embedding program may
 * not).
 */
interface ChannelKernels {

  /** The Vector API's kernels where this JVM has the module and vectors of at least 256 bits, else the plain ones. */
  static ChannelKernels fastest() {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    // the class, which links the Vector API's classes, is loaded only where the module is there
    return module && VectorChannelKernels.suited() ? new VectorChannelKernels() : new PlainChannelKernels();
  }

  /**
   * Adds {@code Σ e[p]} and {@code Σ e[p]·h[offset + p]} over {@code p} in {@code [0, n)} to {@code
   * sums[0]} and {@code sums[1]}, in double precision with four partial sums each, partial sum
   * {@code k} taking the values at {@code p ≡ k (mod 4)} in order and the four added as {@code (s0 +
   * s1) + (s2 + s3)}; {@code h = e}, {@code offset = 0} gives the sum of squares.
   */
  void sums(float[] e, float[] h, int offset, int n, double[] sums);

  /**
   * For {@code p} in {@code [0, n)}: {@code h[offset + p] = (v[p] − mean)·inverseStd} and {@code v[p]
   * = gamma·h[offset + p] + beta}, rectified ({@link Rectifier#mask}) when asked; float arithmetic,
   * no fused multiply-add.
   */
  void normalize(float[] v, float[] h, int offset, int n, float mean, float inverseStd, float gamma, float beta,
      boolean rectified);

  /** Zeroes {@code e[p]} where the rectified output {@code gamma·h[offset + p] + beta} was not positive ({@link Rectifier#mask}). */
  void mask(float[] e, float[] h, int offset, int n, float gamma, float beta);

  /** Zeroes {@code e[p]} where {@code y[p]} is not positive ({@link Rectifier#mask}), for {@code p} in {@code [0, n)}. */
  void mask(float[] e, float[] y, int n);

  /** For {@code p} in {@code [0, n)}: {@code e[p] = (a·e[p] − b) − d·h[offset + p]}, in float arithmetic. */
  void inputGradient(float[] e, float[] h, int offset, int n, float a, float b, float d);
}
