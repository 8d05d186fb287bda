package org.nnx.dl4j;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products, bias addition and bias-gradient sums for the small matrices of narrow MLPs,
 * computed in Java through the arrays' native buffers. An ND4J op costs tens of microseconds of
 * dispatch (op object with a random UUID, shape and TAD buffers, op context, JNI) whatever its
 * size, while a width-8 layer's {@code 64 x 18 x 8} product is 9,216 multiply-adds; larger arrays,
 * double precision and unusual layouts use ND4J's ops (OpenBLAS for products). Results equal
 * ND4J's up to the order of the float additions, which is fixed, so they are deterministic.
 */
final class SmallArrays {

  /** Arrays of at most this many elements take the Java path. */
  static final long MAX_ELEMENTS = 1 << 12;

  /** Products of at most this many multiply-adds take the Java path. */
  static final long MAX_PRODUCT = 1 << 15;

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

  /**
   * {@code c = op(a) op(b)}, {@code op} transposing when asked, as {@code Nd4j.gemm(a, b, c, transA,
   * transB, 1, 0)}: in Java when all three are single-precision matrices stored contiguously (row-
   * or column-major) and the product has at most {@link #MAX_PRODUCT} multiply-adds, else with
   * ND4J.
   */
  static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
    long m = c.size(0);
    long n = c.size(1);
    long k = transA ? a.size(0) : a.size(1);
    if (m * n * k > MAX_PRODUCT || !dense(a) || !dense(b) || !dense(c)) {
      Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
      return;
    }
    int mi = (int) m;
    int ni = (int) n;
    int ki = (int) k;
    float[] x = rowMajor(a, transA);
    float[] y = rowMajor(b, transB);
    float[] z = new float[mi * ni];
    for (int i = 0; i < mi; i++) {
      int row = i * ni;
      int arow = i * ki;
      for (int p = 0; p < ki; p++) {
        float xp = x[arow + p];
        int brow = p * ni;
        for (int j = 0; j < ni; j++) {
          z[row + j] += xp * y[brow + j];
        }
      }
    }
    store(z, c, mi, ni);
  }

  /** Whether {@code a} is a single-precision matrix whose elements fill its buffer in row- or column-major order. */
  private static boolean dense(INDArray a) {
    if (a.dataType() != DataType.FLOAT || a.rank() != 2 || a.elementWiseStride() != 1) {
      return false;
    }
    long r = a.size(0);
    long cols = a.size(1);
    return a.ordering() == 'c' ? a.stride(1) == 1 && (r == 1 || a.stride(0) == cols)
        : a.stride(0) == 1 && (cols == 1 || a.stride(1) == r);
  }

  /** The values of {@code a} (transposed when asked) as a row-major array. */
  private static float[] rowMajor(INDArray a, boolean transpose) {
    int r = (int) a.size(0);
    int cols = (int) a.size(1);
    float[] raw = new float[r * cols];
    ((FloatPointer) a.data().addressPointer()).get(raw, 0, raw.length);
    boolean rowMajor = a.ordering() == 'c';
    if (rowMajor != transpose) {
      return raw; // row-major a, or column-major a read as its transpose
    }
    // raw is column-major a (= row-major a^T) but row-major a is wanted, or the other way round
    int outer = rowMajor ? r : cols;
    int inner = rowMajor ? cols : r;
    float[] t = new float[raw.length];
    for (int i = 0; i < outer; i++) {
      for (int j = 0; j < inner; j++) {
        t[j * outer + i] = raw[i * inner + j];
      }
    }
    return t;
  }

  /** Writes the row-major {@code m x n} values {@code z} into {@code c}, in its layout. */
  private static void store(float[] z, INDArray c, int m, int n) {
    float[] out = z;
    if (c.ordering() != 'c') {
      out = new float[z.length];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          out[j * m + i] = z[i * n + j];
        }
      }
    }
    ((FloatPointer) c.data().addressPointer()).put(out, 0, out.length);
  }
}
