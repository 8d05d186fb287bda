package org.nnx.dl4j;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bias addition and bias-gradient sums for the small matrices of narrow MLPs, computed in Java
 * through the arrays' native buffers. An ND4J broadcast or reduction op costs tens of microseconds
 * of dispatch (op object, shape and TAD buffers, JNI) whatever its size, while the {@code 64 x 8}
 * activations of a width-8 layer need a few hundred additions; larger or non-contiguous arrays use
 * ND4J's ops. Results are the same up to the order of the float additions in the sums (which is
 * fixed, so they are deterministic).
 */
final class SmallArrays {

  /** Arrays of at most this many elements take the Java path. */
  static final long MAX_ELEMENTS = 1 << 14;

  private SmallArrays() {}

  /** Whether {@code a} is a single-precision matrix of consecutive row-major elements, small enough. */
  static boolean eligible(INDArray a) {
    return a.dataType() == DataType.FLOAT && a.rank() == 2 && a.length() <= MAX_ELEMENTS && a.ordering() == 'c'
        && a.elementWiseStride() == 1 && a.stride(1) == 1 && a.stride(0) == a.size(1);
  }

  /** Whether {@code v} is a single-precision vector of consecutive elements. */
  private static boolean vector(INDArray v, long length) {
    return v.dataType() == DataType.FLOAT && v.length() == length && v.elementWiseStride() == 1
        && (v.rank() == 1 || v.isVector());
  }

  /** {@code z[r, c] += b[c]} for every row {@code r} of the {@code n x k} matrix {@code z}. */
  static void addRowVector(INDArray z, INDArray b) {
    long k = z.size(1);
    if (!eligible(z) || !vector(b, k)) {
      z.addiRowVector(b);
      return;
    }
    FloatIndexer zi = (FloatIndexer) z.data().indexer();
    FloatIndexer bi = (FloatIndexer) b.data().indexer();
    long n = z.size(0);
    for (long c = 0; c < k; c++) {
      float bc = bi.get(c);
      for (long r = 0; r < n; r++) {
        long i = r * k + c;
        zi.put(i, zi.get(i) + bc);
      }
    }
  }

  /** {@code out[c] = sum over rows r of d[r, c]}, in row order. */
  static void columnSums(INDArray d, INDArray out) {
    long k = d.size(1);
    if (!eligible(d) || !vector(out, k)) {
      d.sum(out, 0);
      return;
    }
    FloatIndexer di = (FloatIndexer) d.data().indexer();
    FloatIndexer oi = (FloatIndexer) out.data().indexer();
    long n = d.size(0);
    for (long c = 0; c < k; c++) {
      float s = 0;
      for (long r = 0; r < n; r++) {
        s += di.get(r * k + c);
      }
      oi.put(c, s);
    }
  }
}
