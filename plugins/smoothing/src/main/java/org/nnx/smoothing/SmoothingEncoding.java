package org.nnx.smoothing;

import org.nnx.data.InputEncoding;
import org.nnx.ir.TensorShape;

/**
 * The encoding of (de)randomized smoothing: each channel value x in [0, 1] becomes two channels,
 * the C channels x followed by the C channels 1 − x (as ART's {@code np.concatenate([x, 1 - x],
 * axis=1)}), so that an ablated pixel, 0 in all 2C channels, differs from every real pixel. No
 * normalization.
 */
public final class SmoothingEncoding implements InputEncoding {

  /** The encoding; it has no state. */
  public static final SmoothingEncoding INSTANCE = new SmoothingEncoding();

  private SmoothingEncoding() {}

  @Override
  public TensorShape shape(TensorShape example) {
    return new TensorShape(2 * example.channels(), example.height(), example.width());
  }

  @Override
  public void encode(float[] in, int inOffset, float[] out, int outOffset, TensorShape example) {
    int n = Math.toIntExact(example.size());
    for (int i = 0; i < n; i++) {
      float x = in[inOffset + i];
      out[outOffset + i] = x;
      out[outOffset + n + i] = 1f - x;
    }
  }

  @Override
  public String describe() {
    return "(x, 1 - x)";
  }
}
