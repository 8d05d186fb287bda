package org.nnx.dl4j;

import java.nio.FloatBuffer;
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
      int outHeight, int outWidth) {
    int planes() {
      return batch * channels;
    }
  }

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
    boolean fast = max() && config().getKernelSize()[0] == 2 && config().getStride()[0] == 2
        && config().getPadding()[0] == 0;
    boolean channelsLast = fast && input.dataType() == DataType.FLOAT && ChannelsLast.is(input);
    INDArray x = channelsLast ? input : dense(input, workspaceMgr, ArrayType.ACTIVATIONS);
    Shape g = shape(x);
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
        new long[] {g.batch(), g.channels(), g.outHeight(), g.outWidth()}, 'c');
    boolean keep = training && max();
    if (keep && (argmax == null || argmax.length < out.length())) {
      argmax = new int[(int) out.length()];
    }
    if (channelsLast) {
      int slab = g.height() * g.width() * g.channels();
      int outSlab = g.channels() * g.outHeight() * g.outWidth();
      float[] in = scratch(0, slab);
      float[] y = scratch(1, outSlab);
      FloatBuffer from = x.data().asNioFloat();
      FloatBuffer to = out.data().asNioFloat();
      for (int n = 0; n < g.batch(); n++) {
        from.get(n * slab, in, 0, slab);
        pool2x2ChannelsLast(in, y, keep ? argmax : null, n, rectified(), g);
        to.put(n * outSlab, y, 0, outSlab);
      }
      return out;
    }
    int plane = g.height() * g.width();
    int at = 0;
    float divisor = g.kernel() * g.kernel();
    boolean max = max();
    boolean rectified = rectified();
    int nowhere = (int) x.length();
    if (max && g.kernel() == 2 && g.stride() == 2 && g.padding() == 0) {
      int outPlane = g.outHeight() * g.outWidth();
      int per = chunk(g);
      float[] in = scratch(0, (long) per * plane);
      float[] y = scratch(1, (long) per * outPlane);
      FloatBuffer from = x.data().asNioFloat();
      FloatBuffer to = out.data().asNioFloat();
      for (int m = 0; m < g.planes(); m += per) {
        int k = Math.min(per, g.planes() - m);
        from.get(m * plane, in, 0, k * plane);
        pool2x2(in, y, keep ? argmax : null, m, k, rectified, g);
        to.put(m * outPlane, y, 0, k * outPlane);
      }
      return out;
    }
    float[] in = scratch(0, x.length());
    x.data().asNioFloat().get(0, in, 0, (int) x.length());
    float[] y = scratch(1, out.length());
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
   * Max pooling of 2x2 windows with stride 2 and no padding, the common case, of {@code planes}
   * image planes from plane {@code first} on (copied into {@code in}; {@code y} gets their outputs),
   * without bounds tests
   * and without branches on the values (on activations, a comparison goes either way about half the
   * time, and the mispredicted branches made this loop several times slower); with {@code argmax}
   * (training) also the index of each window's maximum, the first in row order, or the input's
   * length ("nowhere", a slot past the input) where a rectified maximum is 0.
   */
  private static void pool2x2(float[] in, float[] y, int[] argmax, int first, int planes, boolean rectified,
      Shape g) {
    int w = g.width();
    int plane = g.height() * w;
    int nowhere = g.planes() * plane;
    int offset = first * plane;
    int at = 0;
    for (int m = 0; m < planes; m++) {
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
          // the values as ordered integers; later values win only when strictly greater: the first
          // maximum in row order, chosen by arithmetic rather than branches
          int k0 = order(a0);
          int k1 = order(a1);
          int k2 = order(a2);
          int k3 = order(a3);
          int right = greater(k1, k0);
          int rightBelow = greater(k3, k2);
          int upper = Math.max(k0, k1);
          int lower = Math.max(k2, k3);
          int below = greater(lower, upper);
          int best = Math.max(upper, lower);
          int mask = rectified ? -greater(best, 0) : -1;
          y[at] = Float.intBitsToFloat(unorder(best) & mask);
          if (argmax != null) {
            int above = c + right;
            int where = offset + above + below * (d + rightBelow - above);
            argmax[first * g.outHeight() * g.outWidth() + at] = (where & mask) | (nowhere & ~mask);
          }
        }
      }
    }
  }

  /**
   * {@link #pool2x2} of example {@code n}'s channels-last input ({@code in}: {@code [h, w, c]}) into
   * its {@code [c, oh, ow]} output {@code y}: the same operations on each window's four values, so
   * the same floats, and the same maxima in {@code argmax}, indices of the input as DL4J lays it out
   * ({@code [b, c, h, w]}), so that the backward pass is the one of that layout. The channels are
   * the inner loop: each window's four values are four runs of channels.
   */
  private static void pool2x2ChannelsLast(float[] in, float[] y, int[] argmax, int n, boolean rectified, Shape g) {
    int w = g.width();
    int c = g.channels();
    int plane = g.height() * w;
    int outPlane = g.outHeight() * g.outWidth();
    int nowhere = g.planes() * plane;
    int image = n * c * plane;
    int outImage = n * c * outPlane;
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        int q0 = (2 * oy * w + 2 * ox) * c;
        int q2 = q0 + w * c;
        int top = 2 * oy * w + 2 * ox;
        int at = oy * g.outWidth() + ox;
        for (int ch = 0; ch < c; ch++) {
          int k0 = order(in[q0 + ch]);
          int k1 = order(in[q0 + c + ch]);
          int k2 = order(in[q2 + ch]);
          int k3 = order(in[q2 + c + ch]);
          int right = greater(k1, k0);
          int rightBelow = greater(k3, k2);
          int upper = Math.max(k0, k1);
          int lower = Math.max(k2, k3);
          int below = greater(lower, upper);
          int best = Math.max(upper, lower);
          int mask = rectified ? -greater(best, 0) : -1;
          y[ch * outPlane + at] = Float.intBitsToFloat(unorder(best) & mask);
          if (argmax != null) {
            int above = image + ch * plane + top + right;
            int where = above + below * (w + rightBelow - right);
            argmax[outImage + ch * outPlane + at] = (where & mask) | (nowhere & ~mask);
          }
        }
      }
    }
  }

  /**
   * A float's bits as an integer of the same order: {@code order(a) > order(b)} exactly when {@code
   * a > b}, for every value but NaN ({@code -0} is taken as {@code +0}, to which it compares equal).
   */
  static int order(float v) {
    int bits = Float.floatToRawIntBits(v + 0f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  /** The float whose {@link #order} is {@code k}, as raw bits. */
  static int unorder(int k) {
    return k ^ ((k >> 31) & 0x7fffffff);
  }

  /** 1 when {@code a > b}, else 0, without a branch. */
  static int greater(int a, int b) {
    return (int) (((long) b - a) >>> 63);
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
    // a channels-last input (only max pooling reads one) needs no copy: the gradient goes to DL4J's layout
    INDArray x = ChannelsLast.is(input) ? input : dense(input, workspaceMgr, ArrayType.BP_WORKING_MEM);
    Shape g = shape(x);
    boolean max = max();
    if (max && argmax == null) {
      activate(true, workspaceMgr);
    }
    INDArray eps = dense(epsilon, workspaceMgr, ArrayType.BP_WORKING_MEM);
    INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
    if (max) {
      routeToMaxima(eps, next, g);
      argmax = null;
      return new Pair<>(new DefaultGradient(), next);
    }
    float[] e = scratch(1, eps.length());
    eps.data().asNioFloat().get(0, e, 0, (int) eps.length());
    float[] dx = scratch(0, x.length());
    java.util.Arrays.fill(dx, 0, (int) x.length(), 0f);
    {
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
    next.data().asNioFloat().put(0, dx, 0, (int) x.length());
    return new Pair<>(new DefaultGradient(), next);
  }

  /**
   * Max pooling's input gradient: each output's gradient added to the input its window's maximum
   * came from ({@link #argmax}), a chunk of image planes at a time in arrays that stay in the cache.
   * An index past the chunk (a window without a maximum) lands in one slot past it, a branch-free
   * way to drop it.
   */
  private void routeToMaxima(INDArray eps, INDArray next, Shape g) {
    int plane = g.height() * g.width();
    int outPlane = g.outHeight() * g.outWidth();
    int per = chunk(g);
    float[] e = scratch(1, (long) per * outPlane);
    float[] dx = scratch(0, (long) per * plane + 1);
    FloatBuffer from = eps.data().asNioFloat();
    FloatBuffer to = next.data().asNioFloat();
    for (int m = 0; m < g.planes(); m += per) {
      int k = Math.min(per, g.planes() - m);
      int size = k * plane;
      int offset = m * plane;
      from.get(m * outPlane, e, 0, k * outPlane);
      java.util.Arrays.fill(dx, 0, size + 1, 0f);
      int at = m * outPlane;
      for (int o = 0; o < k * outPlane; o++) {
        dx[Math.min(argmax[at + o] - offset, size)] += e[o];
      }
      to.put(offset, dx, 0, size);
    }
  }

  /** Image planes per chunk of the 2x2 path: about 16,384 input values (64 KiB), at least one plane. */
  private static int chunk(Shape g) {
    return Math.max(1, 16_384 / (g.height() * g.width()));
  }

  @Override
  public void clear() {
    super.clear();
    argmax = null;
  }
}
