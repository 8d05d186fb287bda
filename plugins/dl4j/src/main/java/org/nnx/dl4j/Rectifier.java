package org.nnx.dl4j;

/**
 * The rectifier's derivative as a bit mask, shared by the layers that compute a fused {@code relu}
 * (the rectified batch norm, max pooling and sum).
 */
final class Rectifier {

  private Rectifier() {}

  /**
   * The rectifier's derivative at {@code y} as a bit mask: all ones when {@code y > 0} (a NaN
   * counts by its sign bit), else 0, computed without a branch; a float comparison in a loop over
   * activations is a branch that goes either way half the time, and its mispredictions made the
   * rectifying loops several times slower.
   */
  static int mask(float y) {
    int bits = Float.floatToRawIntBits(y);
    // -bits is negative for bits > 0 and for -0f (the lowest int), which ~(bits >> 31) excludes
    return (-bits >> 31) & ~(bits >> 31);
  }
}
