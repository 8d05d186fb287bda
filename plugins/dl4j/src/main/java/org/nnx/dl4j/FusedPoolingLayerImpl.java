package org.nnx.dl4j;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The runtime of {@link FusedPoolingLayer}: max or average pooling of {@code [b, c, h, w]}
 * single-precision inputs in loops over Java arrays (bulk copies in and out of the native buffers);
 * DL4J's layer dispatched a native op that took about an eighth of the certification time of a
 * small CNN. Max pooling keeps, in training, the index of each window's maximum (the first, in row
 * order, when several tie) and routes the gradient there; average pooling spreads it evenly,
 * padding counted in the divisor. A rectified max pooling ({@link FusedPoolingLayer#isRectified()})
 * rectifies each window's maximum and sends no gradient back from a window where that is 0.
 * Double-precision graphs (the gradient checks) run DL4J's own layer (rectifying its output and
 * masking the gradient), against which {@code FusedLayersTest} checks this one.
 */
final class FusedPoolingLayerImpl extends SubsamplingLayer {

  private int[] argmax;
  private final float[][] scratch = new float[2][];

  FusedPoolingLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private org.deeplearning4j.nn.conf.layers.SubsamplingLayer config() {
    return (org.deeplearning4j.nn.conf.layers.SubsamplingLayer) conf.getLayer();
  }

  private boolean rectified() {
    return conf.getLayer() instanceof FusedPoolingLayer f && f.isRectified();
  }

  /** The geometry of one pass. */
  private record Shape(int batch, int channels, int height, int width, int kernel, int stride, int padding,
      int outHeight, int outWidth) {}

  private Shape shape(INDArray x) {
    if (x.rank() != 4) {
      throw new DL4JInvalidInputException("pooling " + layerId() + " expects [batch, c, h, w] inputs, got "
          + java.util.Arrays.toString(x.shape()));
    }
    var c = config();
    int k = c.getKernelSize()[0];
    int s = c.getStride()[0];
    int p = c.getPadding()[0];
    int h = (int) x.size(2);
    int w = (int) x.size(3);
    return new Shape((int) x.size(0), (int) x.size(1), h, w, k, s, p, (h + 2 * p - k) / s + 1, (w + 2 * p - k) / s + 1);
  }

  private boolean max() {
    return config().getPoolingType() == PoolingType.MAX;
  }

  private float[] scratch(int slot, long size) {
    if (scratch[slot] == null || scratch[slot].length < size) {
      scratch[slot] = new float[Math.toIntExact(size)];
    }
    return scratch[slot];
  }

  private static INDArray dense(INDArray a, LayerWorkspaceMgr mgr, ArrayType type) {
    INDArray f = a.castTo(DataType.FLOAT);
    return f.ordering() == 'c' && !f.isView() && f.elementWiseStride() == 1 ? f : mgr.dup(type, f, 'c');
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (dataType != DataType.FLOAT || (config().getPoolingType() != PoolingType.MAX
        && config().getPoolingType() != PoolingType.AVG)) {
      INDArray y = super.activate(training, workspaceMgr);
      return rectified() ? Transforms.relu(y, false) : y;
    }
    assertInputSet(false);
    INDArray x = dense(input, workspaceMgr, ArrayType.ACTIVATIONS);
    Shape g = shape(x);
    float[] in = scratch(0, x.length());
    x.data().asNioFloat().get(0, in, 0, (int) x.length());
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
        new long[] {g.batch(), g.channels(), g.outHeight(), g.outWidth()}, 'c');
    float[] y = scratch(1, out.length());
    boolean keep = training && max();
    if (keep && (argmax == null || argmax.length < out.length())) {
      argmax = new int[(int) out.length()];
    }
    int plane = g.height() * g.width();
    int at = 0;
    float divisor = g.kernel() * g.kernel();
    boolean max = max();
    boolean rectified = rectified();
    int nowhere = (int) x.length();
    if (max && g.kernel() == 2 && g.stride() == 2 && g.padding() == 0) {
      pool2x2(in, y, keep ? argmax : null, rectified, g);
      out.data().asNioFloat().put(0, y, 0, (int) out.length());
      return out;
    }
    for (int m = 0; m < g.batch() * g.channels(); m++) {
      int base = m * plane;
      for (int oy = 0; oy < g.outHeight(); oy++) {
        int y0 = oy * g.stride() - g.padding();
        for (int ox = 0; ox < g.outWidth(); ox++, at++) {
          int x0 = ox * g.stride() - g.padding();
          float best = Float.NEGATIVE_INFINITY;
          int where = -1;
          float sum = 0;
          for (int ky = 0; ky < g.kernel(); ky++) {
            int iy = y0 + ky;
            if (iy < 0 || iy >= g.height()) {
              continue;
            }
            for (int kx = 0; kx < g.kernel(); kx++) {
              int ix = x0 + kx;
              if (ix < 0 || ix >= g.width()) {
                continue;
              }
              int i = base + iy * g.width() + ix;
              float v = in[i];
              sum += v;
              if (v > best) {
                best = v;
                where = i;
              }
            }
          }
          if (rectified && !(best > 0)) {
            best = 0;
            where = -1;
          }
          y[at] = max ? best : sum / divisor;
          if (keep) {
            argmax[at] = where < 0 ? nowhere : where;
          }
        }
      }
    }
    out.data().asNioFloat().put(0, y, 0, (int) out.length());
    return out;
  }

  /**
   * Max pooling of 2x2 windows with stride 2 and no padding, the common case, without bounds tests
   * and without branches on the values (on activations, a comparison goes either way about half the
   * time, and the mispredicted branches made this loop several times slower); with {@code argmax}
   * (training) also the index of each window's maximum, the first in row order, or the input's
   * length ("nowhere", a slot past the input) where a rectified maximum is 0.
   */
  private static void pool2x2(float[] in, float[] y, int[] argmax, boolean rectified, Shape g) {
    int w = g.width();
    int plane = g.height() * w;
    int nowhere = g.batch() * g.channels() * plane;
    int at = 0;
    for (int m = 0; m < g.batch() * g.channels(); m++) {
      int base = m * plane;
      for (int oy = 0; oy < g.outHeight(); oy++) {
        int top = base + 2 * oy * w;
        int bottom = top + w;
        for (int ox = 0; ox < g.outWidth(); ox++, at++) {
          int c = top + 2 * ox;
          int d = bottom + 2 * ox;
          float a0 = in[c];
          float a1 = in[c + 1];
          float a2 = in[d];
          float a3 = in[d + 1];
          float upper = Math.max(a0, a1);
          float lower = Math.max(a2, a3);
          float best = Math.max(upper, lower);
          int mask = rectified ? FusedBatchNormalizationImpl.positive(best) : -1;
          y[at] = Float.intBitsToFloat(Float.floatToRawIntBits(best) & mask);
          if (argmax != null) {
            // later values win only when strictly greater: the first maximum in row order
            int where = lower > upper ? d + (a3 > a2 ? 1 : 0) : c + (a1 > a0 ? 1 : 0);
            argmax[at] = (where & mask) | (nowhere & ~mask);
          }
        }
      }
    }
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (dataType != DataType.FLOAT || (config().getPoolingType() != PoolingType.MAX
        && config().getPoolingType() != PoolingType.AVG)) {
      if (rectified()) {
        // the rectifier's derivative at the pooled values: 1 where positive, else 0 (0 at 0)
        INDArray pooled = super.activate(true, workspaceMgr);
        epsilon = epsilon.mul(pooled.gt(0).castTo(epsilon.dataType()));
      }
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    INDArray x = dense(input, workspaceMgr, ArrayType.BP_WORKING_MEM);
    Shape g = shape(x);
    boolean max = max();
    if (max && argmax == null) {
      activate(true, workspaceMgr);
    }
    INDArray eps = dense(epsilon, workspaceMgr, ArrayType.BP_WORKING_MEM);
    float[] e = scratch(1, eps.length());
    eps.data().asNioFloat().get(0, e, 0, (int) eps.length());
    // one slot past the input: where windows without a maximum (a rectified 0) send their gradient
    float[] dx = scratch(0, x.length() + 1);
    java.util.Arrays.fill(dx, 0, (int) x.length() + 1, 0f);
    int outputs = (int) eps.length();
    if (max) {
      for (int at = 0; at < outputs; at++) {
        dx[argmax[at]] += e[at];
      }
    } else {
      int plane = g.height() * g.width();
      float divisor = g.kernel() * g.kernel();
      int at = 0;
      for (int m = 0; m < g.batch() * g.channels(); m++) {
        int base = m * plane;
        for (int oy = 0; oy < g.outHeight(); oy++) {
          for (int ox = 0; ox < g.outWidth(); ox++, at++) {
            float share = e[at] / divisor;
            for (int ky = 0; ky < g.kernel(); ky++) {
              int iy = oy * g.stride() - g.padding() + ky;
              if (iy < 0 || iy >= g.height()) {
                continue;
              }
              for (int kx = 0; kx < g.kernel(); kx++) {
                int ix = ox * g.stride() - g.padding() + kx;
                if (ix >= 0 && ix < g.width()) {
                  dx[base + iy * g.width() + ix] += share;
                }
              }
            }
          }
        }
      }
    }
    INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
    next.data().asNioFloat().put(0, dx, 0, (int) x.length());
    argmax = null;
    return new Pair<>(new DefaultGradient(), next);
  }

  @Override
  public void clear() {
    super.clear();
    argmax = null;
  }
}
