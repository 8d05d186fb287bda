package org.nnx.dl4j;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Channels-last feature maps: arrays of DL4J's shape {@code [b, c, h, w]} whose memory is ordered
 * {@code [b, h, w, c]}, as permuted views of a dense {@code [b, h, w, c]} array. oneDNN's forward
 * convolutions on AVX-512 compute in that layout (its {@code acdb}); an array in it spares libnd4j
 * the conversions to and from DL4J's {@code [b, c, h, w]} memory.
 */
final class ChannelsLast {

  private ChannelsLast() {}

  /** A new single-precision channels-last array of shape {@code [b, c, h, w]}, uninitialized. */
  static INDArray create(LayerWorkspaceMgr mgr, ArrayType type, long b, long c, long h, long w) {
    return mgr.createUninitialized(type, DataType.FLOAT, new long[] {b, h, w, c}, 'c').permute(0, 3, 1, 2);
  }

  /**
   * Whether {@code a} is a rank-4 channels-last array whose buffer starts at its first element:
   * strides {@code [h·w·c, 1, w·c, c]} with more than one channel (with one, the layouts coincide and
   * DL4J's own applies).
   */
  static boolean is(INDArray a) {
    if (a.rank() != 4 || a.size(1) < 2 || a.offset() != 0 || a.data().length() < a.length()) {
      return false;
    }
    long c = a.size(1);
    long w = a.size(3);
    long h = a.size(2);
    long[] s = a.stride();
    return s[1] == 1 && s[3] == c && s[2] == w * c && s[0] == h * w * c;
  }
}
