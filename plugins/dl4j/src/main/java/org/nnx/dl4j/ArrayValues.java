package org.nnx.dl4j;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.Indexer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access, in double precision, to the buffer of a single- or double-precision ND4J array
 * from its first element (an array's buffer starts at its first element, for views too), for the
 * layers whose loops run in Java.
 */
interface ArrayValues {

  /** Element {@code i} of the buffer. */
  double get(long i);

  /** Sets element {@code i} (rounded to single precision for float arrays). */
  void put(long i, double v);

  /** Access to {@code a}'s buffer. */
  static ArrayValues of(INDArray a) {
    Indexer ix = a.data().indexer();
    if (ix instanceof FloatIndexer f) {
      return new ArrayValues() {
        @Override
        public double get(long i) {
          return f.get(i);
        }

        @Override
        public void put(long i, double v) {
          f.put(i, (float) v);
        }
      };
    }
    DoubleIndexer d = (DoubleIndexer) ix;
    return new ArrayValues() {
      @Override
      public double get(long i) {
        return d.get(i);
      }

      @Override
      public void put(long i, double v) {
        d.put(i, v);
      }
    };
  }
}
