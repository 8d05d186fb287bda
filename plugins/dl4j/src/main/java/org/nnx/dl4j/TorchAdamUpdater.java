package org.nnx.dl4j;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The state and step of {@link TorchAdam}: turns the gradient, in place, into the step DL4J
 * subtracts from the parameters.
 *
 * <p>Single precision (the training case): the moments live in Java {@code float[]} arrays and
 * the gradient is copied in and out of its native buffer in bulk, so the update is one loop over
 * heap arrays that the JIT compiler vectorizes; DL4J's state arrays receive the moments whenever
 * {@link #getState()} is asked for them. Double precision (gradient checks) runs on the native
 * arrays directly.
 */
final class TorchAdamUpdater implements GradientUpdater<TorchAdam> {

  /** The keys of the moments in the updater state. */
  static final String M_STATE = "M";
  static final String V_STATE = "V";

  private final TorchAdam config;
  private INDArray m;
  private INDArray v;
  private float[] mf;
  private float[] vf;
  private float[] gf;

  TorchAdamUpdater(TorchAdam config) {
    this.config = config;
  }

  @Override
  public TorchAdam getConfig() {
    return config;
  }

  @Override
  public void setState(Map<String, INDArray> stateMap, boolean initialize) {
    if (stateMap == null || !stateMap.containsKey(M_STATE) || !stateMap.containsKey(V_STATE)) {
      throw new IllegalStateException("adam needs the states " + M_STATE + " and " + V_STATE);
    }
    m = stateMap.get(M_STATE);
    v = stateMap.get(V_STATE);
    if (initialize) {
      m.assign(0);
      v.assign(0);
    }
    loadMoments();
  }

  /** The moments, written into DL4J's state arrays first. */
  @Override
  public Map<String, INDArray> getState() {
    if (mf != null) {
      m.assign(Nd4j.createFromArray(mf));
      v.assign(Nd4j.createFromArray(vf));
    }
    Map<String, INDArray> s = new HashMap<>();
    s.put(M_STATE, m);
    s.put(V_STATE, v);
    return s;
  }

  /** Splits {@code viewArray} (both moments, {@code 2n} values) into {@code m} and {@code v}. */
  @Override
  public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
    if (initialize) {
      viewArray.assign(0);
    }
    INDArray flat = viewArray.reshape(viewArray.length());
    long n = flat.length() / 2;
    m = flat.get(NDArrayIndex.interval(0, n));
    v = flat.get(NDArrayIndex.interval(n, 2 * n));
    loadMoments();
  }

  private void loadMoments() {
    if (m.dataType() == DataType.FLOAT) {
      mf = m.toFloatVector();
      vf = v.toFloatVector();
      gf = new float[mf.length];
    }
  }

  /**
   * Updates the moments and replaces {@code gradient} by {@code lr / (1 - beta1^t) * m / (sqrt(v) /
   * sqrt(1 - beta2^t) + eps)}, {@code t = iteration + 1}.
   */
  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    if (m == null) {
      throw new IllegalStateException("adam updater has no state");
    }
    INDArray g = contiguous(gradient) ? gradient : gradient.dup('c');
    int n = Math.toIntExact(g.length());
    if (n != m.length()) {
      throw new IllegalStateException("gradient of " + n + " values for a state of " + m.length());
    }
    double b1 = config.getBeta1();
    double b2 = config.getBeta2();
    int t = iteration + 1;
    double stepSize = config.getLearningRate(iteration, epoch) / (1 - Math.pow(b1, t));
    double rootCorrection = Math.sqrt(1 - Math.pow(b2, t));
    double eps = config.getEpsilon();
    if (g.dataType() == DataType.FLOAT && mf != null) {
      FloatPointer p = (FloatPointer) g.data().addressPointer();
      p.get(gf, 0, n);
      step(gf, mf, vf, (float) b1, (float) b2, (float) stepSize, (float) (1 / rootCorrection), (float) eps);
      p.put(gf, 0, n);
    } else if (g.dataType() == DataType.DOUBLE && m.dataType() == DataType.DOUBLE) {
      DoubleIndexer gi = (DoubleIndexer) g.data().indexer();
      DoubleIndexer mi = (DoubleIndexer) m.data().indexer();
      DoubleIndexer vi = (DoubleIndexer) v.data().indexer();
      for (long i = 0; i < n; i++) {
        double gv = gi.get(i);
        double mv = b1 * mi.get(i) + (1 - b1) * gv;
        double vv = b2 * vi.get(i) + (1 - b2) * gv * gv;
        mi.put(i, mv);
        vi.put(i, vv);
        gi.put(i, stepSize * mv / (Math.sqrt(vv) / rootCorrection + eps));
      }
    } else {
      throw new IllegalStateException("adam supports FLOAT or DOUBLE parameters and state, got " + g.dataType()
          + " and " + m.dataType());
    }
    if (g != gradient) {
      gradient.assign(g.reshape(gradient.shape()));
    }
  }

  /** One Adam step over heap arrays, in single precision like PyTorch's. */
  private static void step(float[] g, float[] m, float[] v, float b1, float b2, float stepSize, float invRoot,
      float eps) {
    float c1 = 1 - b1;
    float c2 = 1 - b2;
    for (int i = 0; i < g.length; i++) {
      float gv = g[i];
      float mv = b1 * m[i] + c1 * gv;
      float vv = b2 * v[i] + c2 * gv * gv;
      m[i] = mv;
      v[i] = vv;
      g[i] = stepSize * mv / ((float) Math.sqrt(vv) * invRoot + eps);
    }
  }

  /** Whether {@code a}'s elements are adjacent in its buffer, so index {@code i} is element {@code i}. */
  private static boolean contiguous(INDArray a) {
    return a.elementWiseStride() == 1 && (a.isVector() || a.ordering() == 'c' && !a.isView());
  }
}
