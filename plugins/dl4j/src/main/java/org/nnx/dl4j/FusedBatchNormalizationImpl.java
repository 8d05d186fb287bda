package org.nnx.dl4j;

import java.nio.FloatBuffer;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of {@link FusedBatchNormalization}, for {@code [b, c]} and {@code [b, c, h, w]}
 * inputs, in plain loops over the arrays' buffers (DL4J's layer spent about half the training time
 * of a small ResNet in ND4J's reductions, detached copies and broadcasts). Single-precision layers
 * copy each buffer into a Java array once and loop over that (the bulk path); double-precision
 * ones (gradient checks) read and write element by element, and {@code FusedLayersTest} checks that
 * the two agree.
 *
 * <p>Training: per channel the batch mean μ and biased variance σ² over the {@code N = b·h·w}
 * values, {@code x̂ = (x − μ)/√(σ² + ε)}, {@code y = γ x̂ + β}; the running mean becomes {@code
 * decay·m + (1 − decay)·μ} and the running variance {@code decay·v + (1 − decay)·σ²·N/(N − 1)}
 * (PyTorch's rule: the unbiased variance), both handed to DL4J's no-op updater as the difference
 * between the old and the new value, the variance in DL4J's log10-standard-deviation form when the
 * layer keeps it so. Inference normalizes by the running statistics: {@code √(v + ε)}. Gradients
 * are summed over the minibatch, as DL4J's layers give them (its updater divides by the minibatch
 * size). A rectified layer ({@link FusedBatchNormalization#isRectified()}) outputs {@code
 * relu(y)} and, in the backward pass, first zeroes the gradient where {@code y ≤ 0} (the
 * rectifier's derivative, 0 at 0 as DL4J's), {@code y} recomputed from the kept {@code x̂} by the
 * same operations, so the mask is the forward pass's.
 */
final class FusedBatchNormalizationImpl extends BatchNormalization {

  private INDArray normalized;
  private double[] inverseStd;
  /** x̂ of the last training forward pass on the bulk path, channel after channel ({@code [c, b, h·w]}). */
  private float[] normalizedValues;
  /**
   * One channel of every example, contiguous, on the bulk path: each pass gathers a channel from
   * the native buffer into it, works on it while it is in the cache, and scatters it back, so a
   * tensor is read and written once (kept between steps: one layer serves one thread).
   */
  private float[] channel;
  private final boolean bulk;
  private final ChannelKernels kernels;

  FusedBatchNormalizationImpl(NeuralNetConfiguration conf, DataType dataType) {
    this(conf, dataType, dataType == DataType.FLOAT);
  }

  /**
   * @param bulk whether single-precision passes copy the buffers into Java arrays once and loop over
   *     those, the statistics in one pass with partial sums and the element-wise parts in single
   *     precision (four times faster; equal to the element-wise path to float rounding), rather than
   *     reading and writing each element of the native buffers in double precision
   */
  FusedBatchNormalizationImpl(NeuralNetConfiguration conf, DataType dataType, boolean bulk) {
    this(conf, dataType, bulk, ChannelKernels.fastest());
  }

  /** @param kernels the bulk path's loops (tests set them; the layer's {@link ChannelKernels#fastest()} otherwise) */
  FusedBatchNormalizationImpl(NeuralNetConfiguration conf, DataType dataType, boolean bulk, ChannelKernels kernels) {
    super(conf, dataType);
    if (bulk && dataType != DataType.FLOAT) {
      throw new IllegalArgumentException("the bulk path is single precision");
    }
    this.bulk = bulk;
    this.kernels = kernels;
  }

  private float[] channel(int length) {
    if (channel == null || channel.length < length) {
      channel = new float[length];
    }
    return channel;
  }

  /** A parameter's values (a view into the layer's parameters, so not read from its buffer's start). */
  private static float[] values(INDArray parameter) {
    return parameter.dup('c').data().asFloat();
  }

  /** Channel {@code c} of every example of the contiguous buffer {@code from} into {@code to}, example after example. */
  private static void gather(FloatBuffer from, float[] to, int c, Geometry g) {
    for (int n = 0; n < g.batch(); n++) {
      from.get((int) g.at(n, c), to, n * g.pixels(), g.pixels());
    }
  }

  /** The inverse of {@link #gather}: {@code from} into channel {@code c} of every example of {@code to}. */
  private static void scatter(float[] from, FloatBuffer to, int c, Geometry g) {
    for (int n = 0; n < g.batch(); n++) {
      to.put((int) g.at(n, c), from, n * g.pixels(), g.pixels());
    }
  }

  /** The bulk path's forward pass: {@link #activate}'s loops over Java arrays, channel by channel. */
  private INDArray activateBulk(boolean training, INDArray x, Geometry g, LayerWorkspaceMgr workspaceMgr) {
    float[] gamma = values(getParam(BatchNormalizationParamInitializer.GAMMA));
    float[] beta = values(getParam(BatchNormalizationParamInitializer.BETA));
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
    // dense arrays, not views: their buffers start at their first element
    FloatBuffer in = x.data().asNioFloat();
    FloatBuffer to = out.data().asNioFloat();
    double eps = config().getEps();
    int count = g.count();
    float[] v = channel(count);
    boolean rectified = rectified();
    if (!training) {
      double[] mean = runningMean();
      double[] var = runningVariance();
      for (int c = 0; c < g.channels(); c++) {
        gather(in, v, c, g);
        double inv = 1.0 / Math.sqrt(var[c] + eps);
        double scale = gamma[c] * inv;
        double shift = beta[c] - mean[c] * scale;
        for (int p = 0; p < count; p++) {
          float y = (float) (v[p] * scale + shift);
          v[p] = rectified ? Float.intBitsToFloat(Float.floatToRawIntBits(y) & Rectifier.mask(y)) : y;
        }
        scatter(v, to, c, g);
      }
      return out;
    }
    if (normalizedValues == null || normalizedValues.length < x.length()) {
      normalizedValues = new float[Math.toIntExact(x.length())];
    }
    float[] h = normalizedValues;
    inverseStd = new double[g.channels()];
    double[] sums = new double[2];
    for (int c = 0; c < g.channels(); c++) {
      gather(in, v, c, g);
      sums[0] = 0;
      sums[1] = 0;
      kernels.sums(v, v, 0, count, sums);
      double mean = sums[0] / count;
      // one pass, in double: exact enough unless the mean is some 10^5 standard deviations
      double var = Math.max(0, sums[1] / count - mean * mean);
      double inv = 1.0 / Math.sqrt(var + eps);
      inverseStd[c] = inv;
      float m = (float) mean;
      float invf = (float) inv;
      float ga = gamma[c];
      float be = beta[c];
      kernels.normalize(v, h, c * count, count, m, invf, ga, be, rectified);
      scatter(v, to, c, g);
      batchMean(c, mean, var, count);
    }
    return out;
  }

  /** The bulk path's backward pass: {@link #backpropGradient}'s loops over Java arrays, channel by channel. */
  private INDArray backpropBulk(INDArray eps, Geometry g, INDArray dGamma, INDArray dBeta,
      LayerWorkspaceMgr workspaceMgr) {
    float[] h = normalizedValues;
    float[] gamma = values(getParam(BatchNormalizationParamInitializer.GAMMA));
    float[] beta = values(getParam(BatchNormalizationParamInitializer.BETA));
    float[] dg = new float[g.channels()];
    float[] db = new float[g.channels()];
    INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, eps.shape(), 'c');
    FloatBuffer in = eps.data().asNioFloat();
    FloatBuffer to = next.data().asNioFloat();
    int count = g.count();
    float[] e = channel(count);
    boolean rectified = rectified();
    double[] sums = new double[2];
    for (int c = 0; c < g.channels(); c++) {
      gather(in, e, c, g);
      int base = c * count;
      float ga = gamma[c];
      if (rectified) {
        // the forward pass's output, by the same float operations, and its mask
        kernels.mask(e, h, base, count, ga, beta[c]);
      }
      sums[0] = 0;
      sums[1] = 0;
      kernels.sums(e, h, base, count, sums);
      double sumE = sums[0];
      double sumEh = sums[1];
      dg[c] = (float) sumEh;
      db[c] = (float) sumE;
      double k = ga * inverseStd[c] / count;
      float a = (float) (k * count);
      float b = (float) (k * sumE);
      float d = (float) (k * sumEh);
      kernels.inputGradient(e, h, base, count, a, b, d);
      scatter(e, to, c, g);
    }
    dGamma.assign(Nd4j.createFromArray(dg).reshape(dGamma.shape()));
    dBeta.assign(Nd4j.createFromArray(db).reshape(dBeta.shape()));
    return next;
  }

  private boolean rectified() {
    return conf.getLayer() instanceof FusedBatchNormalization f && f.isRectified();
  }

  private org.deeplearning4j.nn.conf.layers.BatchNormalization config() {
    return (org.deeplearning4j.nn.conf.layers.BatchNormalization) conf.getLayer();
  }

  /** The input as a c-ordered contiguous array of the layer's data type. */
  private INDArray dense(INDArray a, LayerWorkspaceMgr mgr, ArrayType type) {
    INDArray f = a.castTo(dataType);
    if (f.ordering() == 'c' && !f.isView() && f.elementWiseStride() == 1) {
      return f;
    }
    return mgr.dup(type, f, 'c');
  }

  /** Batch, channels and values per channel and example of an input. */
  private record Geometry(int batch, int channels, int pixels) {
    int count() {
      return batch * pixels;
    }

    long at(int n, int c) {
      return ((long) n * channels + c) * pixels;
    }
  }

  private Geometry geometry(INDArray x) {
    long channels = config().getNOut();
    if ((x.rank() != 2 && x.rank() != 4) || x.size(1) != channels) {
      throw new DL4JInvalidInputException("batch normalization " + layerId() + " expects [batch, " + channels
          + "] or [batch, " + channels + ", h, w] inputs, got " + java.util.Arrays.toString(x.shape()));
    }
    int pixels = x.rank() == 4 ? (int) (x.size(2) * x.size(3)) : 1;
    return new Geometry((int) x.size(0), (int) channels, pixels);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    INDArray x = dense(input, workspaceMgr, ArrayType.ACTIVATIONS);
    Geometry g = geometry(x);
    if (bulk) {
      normalized = null;
      return activateBulk(training, x, g, workspaceMgr);
    }
    ArrayValues xi = ArrayValues.of(x);
    ArrayValues gamma = ArrayValues.of(getParam(BatchNormalizationParamInitializer.GAMMA));
    ArrayValues beta = ArrayValues.of(getParam(BatchNormalizationParamInitializer.BETA));
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
    ArrayValues yi = ArrayValues.of(out);
    double eps = config().getEps();
    if (!training) {
      double[] mean = runningMean();
      double[] var = runningVariance();
      for (int c = 0; c < g.channels(); c++) {
        double inv = 1.0 / Math.sqrt(var[c] + eps);
        double scale = gamma.get(c) * inv;
        double shift = beta.get(c) - mean[c] * scale;
        for (int n = 0; n < g.batch(); n++) {
          long at = g.at(n, c);
          for (int p = 0; p < g.pixels(); p++) {
            yi.put(at + p, rectify(xi.get(at + p) * scale + shift));
          }
        }
      }
      return out;
    }
    INDArray xhat = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
    ArrayValues hi = ArrayValues.of(xhat);
    inverseStd = new double[g.channels()];
    for (int c = 0; c < g.channels(); c++) {
      double sum = 0;
      for (int n = 0; n < g.batch(); n++) {
        long at = g.at(n, c);
        for (int p = 0; p < g.pixels(); p++) {
          sum += xi.get(at + p);
        }
      }
      double mean = sum / g.count();
      double squares = 0;
      for (int n = 0; n < g.batch(); n++) {
        long at = g.at(n, c);
        for (int p = 0; p < g.pixels(); p++) {
          double d = xi.get(at + p) - mean;
          squares += d * d;
        }
      }
      double var = squares / g.count();
      double inv = 1.0 / Math.sqrt(var + eps);
      inverseStd[c] = inv;
      double ga = gamma.get(c);
      double be = beta.get(c);
      for (int n = 0; n < g.batch(); n++) {
        long at = g.at(n, c);
        for (int p = 0; p < g.pixels(); p++) {
          double h = (xi.get(at + p) - mean) * inv;
          hi.put(at + p, h);
          // from x̂ as stored, which the backward pass's rectifier mask recomputes the output from
          yi.put(at + p, rectify(ga * hi.get(at + p) + be));
        }
      }
      batchMean(c, mean, var, g.count());
    }
    normalized = xhat;
    return out;
  }

  /** The output of the element-wise path: rectified when the layer is. */
  private double rectify(double y) {
    return rectified() && !(y > 0) ? 0 : y;
  }

  private double[] pendingMean;
  private double[] pendingVar;

  /** Keeps one channel's batch statistics for the running averages the backward pass hands the updater. */
  private void batchMean(int c, double mean, double var, int count) {
    if (pendingMean == null || pendingMean.length != config().getNOut()) {
      pendingMean = new double[(int) config().getNOut()];
      pendingVar = new double[(int) config().getNOut()];
    }
    pendingMean[c] = mean;
    pendingVar[c] = count > 1 ? var * count / (count - 1) : var;
  }

  private double[] runningMean() {
    ArrayValues m = ArrayValues.of(getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
    double[] out = new double[(int) config().getNOut()];
    for (int c = 0; c < out.length; c++) {
      out[c] = m.get(c);
    }
    return out;
  }

  private double[] runningVariance() {
    double[] out = new double[(int) config().getNOut()];
    if (config().isUseLogStd()) {
      ArrayValues s = ArrayValues.of(getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
      for (int c = 0; c < out.length; c++) {
        out[c] = Math.pow(10, 2 * s.get(c));
      }
    } else {
      ArrayValues v = ArrayValues.of(getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
      for (int c = 0; c < out.length; c++) {
        out[c] = v.get(c);
      }
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (inverseStd == null) {
      activate(true, workspaceMgr);
    }
    INDArray eps = dense(epsilon, workspaceMgr, ArrayType.BP_WORKING_MEM);
    Geometry g = geometry(eps);
    if (bulk) {
      INDArray dGamma = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
      INDArray dBeta = gradientViews.get(BatchNormalizationParamInitializer.BETA);
      INDArray next = backpropBulk(eps, g, dGamma, dBeta, workspaceMgr);
      Gradient ret = new DefaultGradient();
      ret.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGamma);
      ret.setGradientFor(BatchNormalizationParamInitializer.BETA, dBeta);
      runningStatistics(ret);
      inverseStd = null;
      return new Pair<>(ret, next);
    }
    boolean rectified = rectified();
    // masked in place below, so a copy: the epsilon belongs to the layer above
    ArrayValues ei = ArrayValues.of(rectified ? eps.dup('c') : eps);
    ArrayValues hi = ArrayValues.of(normalized);
    ArrayValues gamma = ArrayValues.of(getParam(BatchNormalizationParamInitializer.GAMMA));
    INDArray dGamma = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
    INDArray dBeta = gradientViews.get(BatchNormalizationParamInitializer.BETA);
    ArrayValues dg = ArrayValues.of(dGamma);
    ArrayValues db = ArrayValues.of(dBeta);
    INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, eps.shape(), 'c');
    ArrayValues ni = ArrayValues.of(next);
    ArrayValues beta = ArrayValues.of(getParam(BatchNormalizationParamInitializer.BETA));
    int count = g.count();
    for (int c = 0; c < g.channels(); c++) {
      double sumE = 0;
      double sumEh = 0;
      for (int n = 0; n < g.batch(); n++) {
        long at = g.at(n, c);
        for (int p = 0; p < g.pixels(); p++) {
          if (rectified && !(gamma.get(c) * hi.get(at + p) + beta.get(c) > 0)) {
            ei.put(at + p, 0);
          }
          double e = ei.get(at + p);
          sumE += e;
          sumEh += e * hi.get(at + p);
        }
      }
      dg.put(c, sumEh);
      db.put(c, sumE);
      double k = gamma.get(c) * inverseStd[c] / count;
      for (int n = 0; n < g.batch(); n++) {
        long at = g.at(n, c);
        for (int p = 0; p < g.pixels(); p++) {
          ni.put(at + p, k * (count * ei.get(at + p) - sumE - hi.get(at + p) * sumEh));
        }
      }
    }
    Gradient ret = new DefaultGradient();
    ret.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGamma);
    ret.setGradientFor(BatchNormalizationParamInitializer.BETA, dBeta);
    runningStatistics(ret);
    normalized = null;
    inverseStd = null;
    return new Pair<>(ret, next);
  }

  /** The no-op updater's "gradients" of the running statistics: old value minus new value. */
  private void runningStatistics(Gradient ret) {
    double decay = config().getDecay();
    double[] mean = runningMean();
    double[] var = runningVariance();
    INDArray dMean = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    ArrayValues dm = ArrayValues.of(dMean);
    for (int c = 0; c < mean.length; c++) {
      dm.put(c, mean[c] - (decay * mean[c] + (1 - decay) * pendingMean[c]));
    }
    ret.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN, dMean);
    if (config().isUseLogStd()) {
      INDArray dLog = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
      ArrayValues dl = ArrayValues.of(dLog);
      ArrayValues s = ArrayValues.of(getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
      for (int c = 0; c < var.length; c++) {
        double updated = decay * var[c] + (1 - decay) * pendingVar[c];
        dl.put(c, s.get(c) - 0.5 * Math.log10(updated));
      }
      ret.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_LOG_STD, dLog);
    } else {
      INDArray dVar = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_VAR);
      ArrayValues dv = ArrayValues.of(dVar);
      for (int c = 0; c < var.length; c++) {
        dv.put(c, var[c] - (decay * var[c] + (1 - decay) * pendingVar[c]));
      }
      ret.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_VAR, dVar);
    }
  }

  @Override
  public void clear() {
    super.clear();
    normalized = null;
    inverseStd = null;
  }
}
