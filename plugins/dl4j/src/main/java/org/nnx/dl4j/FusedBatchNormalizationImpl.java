package org.nnx.dl4j;

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

/**
 * The runtime of {@link FusedBatchNormalization}, for {@code [b, c]} and {@code [b, c, h, w]}
 * inputs, in plain loops over the arrays' buffers (DL4J's layer spent about half the training time
 * of a small ResNet in ND4J's reductions, detached copies and broadcasts).
 *
 * <p>Training: per channel the batch mean μ and biased variance σ² over the {@code N = b·h·w}
 * values, {@code x̂ = (x − μ)/√(σ² + ε)}, {@code y = γ x̂ + β}; the running mean becomes {@code
 * decay·m + (1 − decay)·μ} and the running variance {@code decay·v + (1 − decay)·σ²·N/(N − 1)}
 * (PyTorch's rule: the unbiased variance), both handed to DL4J's no-op updater as the difference
 * between the old and the new value, the variance in DL4J's log10-standard-deviation form when the
 * layer keeps it so. Inference normalizes by the running statistics: {@code √(v + ε)}. Gradients
 * are summed over the minibatch, as DL4J's layers give them (its updater divides by the minibatch
 * size).
 */
final class FusedBatchNormalizationImpl extends BatchNormalization {

  private INDArray normalized;
  private double[] inverseStd;

  FusedBatchNormalizationImpl(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
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
            yi.put(at + p, xi.get(at + p) * scale + shift);
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
          yi.put(at + p, ga * h + be);
        }
      }
      batchMean(c, mean, var, g.count());
    }
    normalized = xhat;
    return out;
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
    if (normalized == null) {
      activate(true, workspaceMgr);
    }
    INDArray eps = dense(epsilon, workspaceMgr, ArrayType.BP_WORKING_MEM);
    Geometry g = geometry(eps);
    ArrayValues ei = ArrayValues.of(eps);
    ArrayValues hi = ArrayValues.of(normalized);
    ArrayValues gamma = ArrayValues.of(getParam(BatchNormalizationParamInitializer.GAMMA));
    INDArray dGamma = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
    INDArray dBeta = gradientViews.get(BatchNormalizationParamInitializer.BETA);
    ArrayValues dg = ArrayValues.of(dGamma);
    ArrayValues db = ArrayValues.of(dBeta);
    INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, eps.shape(), 'c');
    ArrayValues ni = ArrayValues.of(next);
    int count = g.count();
    for (int c = 0; c < g.channels(); c++) {
      double sumE = 0;
      double sumEh = 0;
      for (int n = 0; n < g.batch(); n++) {
        long at = g.at(n, c);
        for (int p = 0; p < g.pixels(); p++) {
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
