package org.nnx.dl4j;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of {@link FusedConvolutionLayer}: the convolution as one matrix product over the
 * minibatch, {@code Z = W · col} with {@code W} the weights as {@code [out, in·k·k]} and {@code col}
 * the {@code [in·k·k, b·oh·ow]} patch matrix (im2col), by BLAS {@code gemm}; each row of {@code Z}
 * holds one output channel of every image, so the output {@code [b, out, oh, ow]} is a sequence of
 * contiguous copies with the bias.
 *
 * <p>DL4J's own layer spent four fifths of its time in ND4J's native {@code im2col} op (stack
 * samples of a two-convolution MNIST network on one thread) and builds the patch matrix twice per
 * step, in the forward pass and again in the backward pass. Here the patch matrix, the reordering
 * of the product to {@code [b, out, oh, ow]} with the bias, and the scatter of the input gradient
 * back onto the image (col2im) are loops over Java arrays (filled and emptied by bulk copies of the
 * native buffers), and the patch matrix of the training forward pass is kept for the backward pass.
 * Where ND4J's natives have oneDNN ({@link NativeRuntime#oneDnn()}, the plugin's dependency), the
 * convolution and its gradients are instead libnd4j's {@code conv2d} and {@code conv2d_bp} ops, whose
 * oneDNN kernels convolve directly without a patch matrix, an order of magnitude faster on one core;
 * the Java patch matrix stays for natives without oneDNN, and {@code FusedLayersTest} checks both ways
 * against DL4J's layer. A layer that needs no input gradient (one reading the network's input)
 * takes its weight gradient from the patch matrix either way: {@code conv2d_bp} always computes the
 * input gradient too, and for a one-channel MNIST input oneDNN chose Winograd kernels that took
 * 16 ms of a 96 ms step at batch 128, half of it for the gradient dropped, where the patch matrix of
 * nine rows and one product take about 2 ms. The sparse inference below is used either way. On
 * oneDNN's path a layer whose consumers read channels-last maps ({@link
 * FusedConvolutionLayer#isChannelsLastOutput()}) writes its output so, the layout oneDNN computes
 * in (the same floats; libnd4j's conversion of the output array there and back, about a fifth of
 * {@code mnist_cnn}'s step, is gone).
 * The function and gradients are DL4J's (same output size, zero padding, parameters); only the order
 * of float additions differs, and it is fixed, so results are deterministic. Double-precision
 * graphs (the gradient checks) run DL4J's own layer, against which {@code FusedLayersTest} checks
 * this one.
 */
final class FusedConvolutionLayerImpl extends ConvolutionLayer {

  private INDArray patches;
  private final float[][] scratch = new float[4][];
  private final boolean direct;

  FusedConvolutionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
    this(conf, dataType, NativeRuntime.oneDnn());
  }

  /** @param direct whether to convolve with libnd4j's oneDNN ops rather than the Java patch matrix */
  FusedConvolutionLayerImpl(NeuralNetConfiguration conf, DataType dataType, boolean direct) {
    super(conf, dataType);
    this.direct = direct;
  }

  private FusedConvolutionLayer fused() {
    return (FusedConvolutionLayer) conf.getLayer();
  }

  /** The geometry of one forward pass. */
  private record Shape(int batch, int in, int height, int width, int out, int kernel, int stride, int padding,
      int outHeight, int outWidth) {
    int patch() {
      return in * kernel * kernel;
    }

    int rows() {
      return batch * outHeight * outWidth;
    }
  }

  private Shape shape(INDArray x) {
    FusedConvolutionLayer c = fused();
    if (x.rank() != 4 || x.size(1) != c.getNIn()) {
      throw new DL4JInvalidInputException("convolution " + layerId() + " expects [batch, " + c.getNIn()
          + ", h, w] inputs, got " + java.util.Arrays.toString(x.shape()));
    }
    int k = (int) c.getKernelSize()[0];
    int s = (int) c.getStride()[0];
    int p = (int) c.getPadding()[0];
    int h = (int) x.size(2);
    int w = (int) x.size(3);
    return new Shape((int) x.size(0), (int) c.getNIn(), h, w, (int) c.getNOut(), k, s, p, (h + 2 * p - k) / s + 1,
        (w + 2 * p - k) / s + 1);
  }

  /** The input as a c-ordered contiguous single-precision array. */
  private static INDArray dense(INDArray a, LayerWorkspaceMgr mgr, ArrayType type) {
    INDArray f = a.castTo(DataType.FLOAT);
    if (f.ordering() == 'c' && !f.isView() && f.elementWiseStride() == 1) {
      return f;
    }
    return mgr.dup(type, f, 'c');
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (dataType != DataType.FLOAT) {
      return super.activate(training, workspaceMgr); // double precision (gradient checks): DL4J's own layer
    }
    assertInputSet(false);
    INDArray x = dense(input, workspaceMgr, ArrayType.ACTIVATIONS);
    Shape g = shape(x);
    long[] shape = {g.batch(), g.out(), g.outHeight(), g.outWidth()};
    float[] pixels = null;
    float[] bias = null;
    float[] images = null;
    if (!training || !direct) {
      pixels = read(x, scratch(0, x.length()));
      bias = hasBias() ? read(getParam(ConvolutionParamInitializer.BIAS_KEY), new float[g.out()]) : null;
      images = scratch(3, (long) g.batch() * g.out() * g.outHeight() * g.outWidth());
    }
    if (!training && sparseForward(pixels, bias, images, g, workspaceMgr)) {
      INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, shape, 'c');
      write(images, out);
      patches = null;
      return out;
    }
    if (direct) {
      INDArray out = fused().isChannelsLastOutput()
          ? ChannelsLast.create(workspaceMgr, ArrayType.ACTIVATIONS, shape[0], shape[1], shape[2], shape[3])
          : workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, shape, 'c');
      Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(withBias(x, getParam(ConvolutionParamInitializer.WEIGHT_KEY),
          hasBias() ? getParam(ConvolutionParamInitializer.BIAS_KEY) : null)).addOutputs(out)
          .addIntegerArguments(arguments(g)).build());
      patches = null;
      return out;
    }
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, shape, 'c');
    INDArray col = workspaceMgr.createUninitialized(training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM,
        DataType.FLOAT, new long[] {g.patch(), g.rows()}, 'c');
    float[] patch = scratch(1, col.length());
    im2col(pixels, patch, g);
    write(patch, col);
    INDArray z = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT,
        new long[] {g.out(), g.rows()}, 'c');
    Nd4j.gemm(weights(g), col, z, false, false, 1.0, 0.0);
    toImages(read(z, scratch(2, z.length())), images, bias, g);
    write(images, out);
    patches = training ? col : null;
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (dataType != DataType.FLOAT) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    INDArray x = dense(input, workspaceMgr, ArrayType.BP_WORKING_MEM);
    Shape g = shape(x);
    if (direct && fused().isInputGradient()) {
      return directBackprop(x, dense(epsilon, workspaceMgr, ArrayType.BP_WORKING_MEM), g, workspaceMgr);
    }
    INDArray col = patches;
    if (col == null) {
      col = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
          new long[] {g.patch(), g.rows()}, 'c');
      float[] patch = scratch(1, col.length());
      im2col(read(x, scratch(0, x.length())), patch, g);
      write(patch, col);
    }
    INDArray eps = dense(epsilon, workspaceMgr, ArrayType.BP_WORKING_MEM);
    INDArray delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
        new long[] {g.out(), g.rows()}, 'c');
    float[] rows = scratch(2, delta.length());
    fromImages(read(eps, scratch(3, eps.length())), rows, g);
    write(rows, delta);
    Gradient ret = new DefaultGradient();
    INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
    Nd4j.gemm(delta, col, weightGrad.reshape('c', g.out(), g.patch()), false, true, 1.0, 0.0);
    ret.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad);
    if (hasBias()) {
      INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
      write(rowSums(rows, g), biasGrad);
      ret.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
    }
    INDArray epsilonNext = null;
    if (fused().isInputGradient()) {
      INDArray dcol = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
          new long[] {g.patch(), g.rows()}, 'c');
      Nd4j.gemm(weights(g), delta, dcol, true, false, 1.0, 0.0);
      epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
          new long[] {g.batch(), g.in(), g.height(), g.width()}, 'c');
      float[] image = scratch(0, epsilonNext.length());
      java.util.Arrays.fill(image, 0, (int) epsilonNext.length(), 0f);
      col2im(read(dcol, scratch(1, dcol.length())), image, g);
      write(image, epsilonNext);
    }
    patches = null;
    return new Pair<>(ret, epsilonNext);
  }

  /**
   * The gradients by libnd4j's {@code conv2d_bp} (oneDNN's kernels): of the weights and bias straight
   * into the layer's gradient views, of the input into a new array (computed even for a first layer,
   * which drops it, since the op always writes it).
   */
  private Pair<Gradient, INDArray> directBackprop(INDArray x, INDArray eps, Shape g, LayerWorkspaceMgr workspaceMgr) {
    INDArray epsilonNext = workspaceMgr.createUninitialized(fused().isInputGradient() ? ArrayType.ACTIVATION_GRAD
        : ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {g.batch(), g.in(), g.height(), g.width()}, 'c');
    INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
    INDArray biasGrad = hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
    INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
    INDArray[] inputs = hasBias() ? new INDArray[] {x, w, vector(getParam(ConvolutionParamInitializer.BIAS_KEY)), eps}
        : new INDArray[] {x, w, eps};
    INDArray[] outputs = hasBias() ? new INDArray[] {epsilonNext, weightGrad, vector(biasGrad)}
        : new INDArray[] {epsilonNext, weightGrad};
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(inputs).addOutputs(outputs)
        .addIntegerArguments(arguments(g)).build());
    Gradient ret = new DefaultGradient();
    ret.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad);
    if (hasBias()) {
      ret.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
    }
    patches = null;
    return new Pair<>(ret, fused().isInputGradient() ? epsilonNext : null);
  }

  /**
   * libnd4j's integer arguments of {@code conv2d} and {@code conv2d_bp}: kernel, stride, padding,
   * dilation 1, explicit padding (not "same"), NCHW data and {@code [out, in, kH, kW]} weights, DL4J's
   * layouts.
   */
  private static int[] arguments(Shape g) {
    return new int[] {g.kernel(), g.kernel(), g.stride(), g.stride(), g.padding(), g.padding(), 1, 1, 0, 0, 1};
  }

  private static INDArray[] withBias(INDArray x, INDArray w, INDArray bias) {
    return bias == null ? new INDArray[] {x, w} : new INDArray[] {x, w, vector(bias)};
  }

  /** DL4J's {@code [1, n]} bias (or its gradient) as the rank-1 view libnd4j takes. */
  private static INDArray vector(INDArray bias) {
    return bias.reshape(bias.length());
  }

  /**
   * The inference of an input that is zero almost everywhere, as the ablated images of patch
   * certification are: only the output positions whose receptive field holds a nonzero input value
   * go through the product (their patch matrix built directly from the input), every other output is
   * the bias, exactly what the full product gives for an all-zero patch when the weights are finite
   * (checked: {@code NaN · 0} is not 0). Returns false, computing nothing, when at least half of the
   * positions are needed (then the full product is faster) or a weight is not finite.
   */
  private boolean sparseForward(float[] x, float[] bias, float[] images, Shape g, LayerWorkspaceMgr workspaceMgr) {
    int k = g.kernel();
    int s = g.stride();
    int p = g.padding();
    int h = g.height();
    int w = g.width();
    int oh = g.outHeight();
    int ow = g.outWidth();
    int pixels = oh * ow;
    int rows = g.rows();
    boolean[] used = new boolean[rows];
    int kept = 0;
    for (int n = 0; n < g.batch(); n++) {
      for (int c = 0; c < g.in(); c++) {
        int channel = (n * g.in() + c) * h * w;
        for (int iy = 0; iy < h; iy++) {
          for (int ix = 0; ix < w; ix++) {
            if (x[channel + iy * w + ix] == 0f) {
              continue;
            }
            // the outputs (oy, ox) with oy·s − p ≤ iy ≤ oy·s − p + k − 1, likewise for x
            int oy0 = Math.max(0, ceilDiv(iy + p - k + 1, s));
            int oy1 = Math.min(oh - 1, Math.floorDiv(iy + p, s));
            int ox0 = Math.max(0, ceilDiv(ix + p - k + 1, s));
            int ox1 = Math.min(ow - 1, Math.floorDiv(ix + p, s));
            for (int oy = oy0; oy <= oy1; oy++) {
              for (int ox = ox0; ox <= ox1; ox++) {
                int r = n * pixels + oy * ow + ox;
                if (!used[r]) {
                  used[r] = true;
                  kept++;
                }
              }
            }
          }
        }
        if (2L * kept >= rows) {
          return false;
        }
      }
    }
    INDArray w2 = weights(g);
    float[] weights = w2.dup('c').data().asFloat();
    for (float v : weights) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    for (int n = 0; n < g.batch(); n++) {
      for (int o = 0; o < g.out(); o++) {
        java.util.Arrays.fill(images, (n * g.out() + o) * pixels, (n * g.out() + o + 1) * pixels,
            bias == null ? 0f : bias[o]);
      }
    }
    if (kept == 0) {
      return true;
    }
    int[] index = new int[kept];
    for (int r = 0, j = 0; r < rows; r++) {
      if (used[r]) {
        index[j++] = r;
      }
    }
    int patch = g.patch();
    float[] compact = new float[patch * kept];
    for (int j = 0; j < kept; j++) {
      int r = index[j];
      int n = r / pixels;
      int oy = r % pixels / ow;
      int ox = r % ow;
      for (int c = 0; c < g.in(); c++) {
        int channel = (n * g.in() + c) * h * w;
        for (int ky = 0; ky < k; ky++) {
          int iy = oy * s - p + ky;
          for (int kx = 0; kx < k; kx++) {
            int ix = ox * s - p + kx;
            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
              compact[((c * k + ky) * k + kx) * kept + j] = x[channel + iy * w + ix];
            }
          }
        }
      }
    }
    INDArray col = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT,
        new long[] {patch, kept}, 'c');
    write(compact, col);
    INDArray z = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT,
        new long[] {g.out(), kept}, 'c');
    Nd4j.gemm(w2, col, z, false, false, 1.0, 0.0);
    float[] product = read(z, new float[g.out() * kept]);
    for (int j = 0; j < kept; j++) {
      int r = index[j];
      int n = r / pixels;
      int pixel = r % pixels;
      for (int o = 0; o < g.out(); o++) {
        // the dense path's z + b, in the same order
        images[(n * g.out() + o) * pixels + pixel] = product[o * kept + j] + (bias == null ? 0f : bias[o]);
      }
    }
    return true;
  }

  /** The weights as the {@code [out, in·k·k]} matrix (a view of the parameters). */
  private INDArray weights(Shape g) {
    INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
    if (w.ordering() != 'c') {
      throw new IllegalStateException("convolution " + layerId() + ": weights are not in c order");
    }
    return w.reshape('c', g.out(), g.patch());
  }

  /** Scratch array {@code slot} of at least {@code size} elements, kept between steps (one layer serves one thread). */
  private float[] scratch(int slot, long size) {
    if (scratch[slot] == null || scratch[slot].length < size) {
      scratch[slot] = new float[Math.toIntExact(size)];
    }
    return scratch[slot];
  }

  /** Copies a contiguous single-precision array into {@code into}, in one bulk read. */
  private static float[] read(INDArray a, float[] into) {
    a.data().asNioFloat().get(0, into, 0, (int) a.length());
    return into;
  }

  /** Copies the first {@code a.length()} values of {@code from} into the contiguous array {@code a}. */
  private static void write(float[] from, INDArray a) {
    a.data().asNioFloat().put(0, from, 0, (int) a.length());
  }

  /**
   * The patch matrix {@code [in·k·k, b·oh·ow]}: {@code col[(ci·k + ky)·k + kx, (n·oh + oy)·ow + ox] =
   * x[n, ci, oy·s − p + ky, ox·s − p + kx]}, 0 outside the image. Each row is filled image by image and
   * output row by output row, so that stride-1 rows are straight copies of input rows.
   */
  static void im2col(float[] x, float[] col, Shape g) {
    int k = g.kernel();
    int h = g.height();
    int w = g.width();
    int s = g.stride();
    int plane = h * w;
    int ow = g.outWidth();
    int rows = g.rows();
    for (int c = 0; c < g.in(); c++) {
      for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
          int at = ((c * k + ky) * k + kx) * rows;
          // the output columns whose input column x0 + kx lies inside the image
          int first = Math.max(0, ceilDiv(g.padding() - kx, s));
          int last = Math.min(ow - 1, Math.floorDiv(w - 1 + g.padding() - kx, s));
          for (int n = 0; n < g.batch(); n++) {
            int channel = (n * g.in() + c) * plane;
            for (int oy = 0; oy < g.outHeight(); oy++, at += ow) {
              int iy = oy * s - g.padding() + ky;
              if (iy < 0 || iy >= h || first > last) {
                java.util.Arrays.fill(col, at, at + ow, 0f);
                continue;
              }
              java.util.Arrays.fill(col, at, at + first, 0f);
              int line = channel + iy * w - g.padding() + kx;
              if (s == 1) {
                System.arraycopy(x, line + first, col, at + first, last - first + 1);
              } else {
                for (int ox = first; ox <= last; ox++) {
                  col[at + ox] = x[line + ox * s];
                }
              }
              java.util.Arrays.fill(col, at + last + 1, at + ow, 0f);
            }
          }
        }
      }
    }
  }

  private static int ceilDiv(int a, int b) {
    return -Math.floorDiv(-a, b);
  }

  /** The transpose of {@link #im2col}: each patch value added back onto its input pixel ({@code x} starts at 0). */
  static void col2im(float[] col, float[] x, Shape g) {
    int k = g.kernel();
    int h = g.height();
    int w = g.width();
    int s = g.stride();
    int plane = h * w;
    int ow = g.outWidth();
    int rows = g.rows();
    for (int c = 0; c < g.in(); c++) {
      for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
          int at = ((c * k + ky) * k + kx) * rows;
          int first = Math.max(0, ceilDiv(g.padding() - kx, s));
          int last = Math.min(ow - 1, Math.floorDiv(w - 1 + g.padding() - kx, s));
          for (int n = 0; n < g.batch(); n++) {
            int channel = (n * g.in() + c) * plane;
            for (int oy = 0; oy < g.outHeight(); oy++, at += ow) {
              int iy = oy * s - g.padding() + ky;
              if (iy < 0 || iy >= h) {
                continue;
              }
              int line = channel + iy * w - g.padding() + kx;
              for (int ox = first; ox <= last; ox++) {
                x[line + ox * s] += col[at + ox];
              }
            }
          }
        }
      }
    }
  }

  /** {@code out[n, o, :] = z[o, n·P : (n + 1)·P] + bias[o]}, P = oh·ow: contiguous runs. */
  static void toImages(float[] z, float[] out, float[] bias, Shape g) {
    int pixels = g.outHeight() * g.outWidth();
    int rows = g.rows();
    for (int n = 0; n < g.batch(); n++) {
      for (int o = 0; o < g.out(); o++) {
        int source = o * rows + n * pixels;
        int target = (n * g.out() + o) * pixels;
        if (bias == null) {
          System.arraycopy(z, source, out, target, pixels);
        } else {
          float b = bias[o];
          for (int p = 0; p < pixels; p++) {
            out[target + p] = z[source + p] + b;
          }
        }
      }
    }
  }

  /** {@code delta[o, n·P + pixel] = eps[n, o, pixel]}: the gradient of the output as {@code [out, rows]}. */
  static void fromImages(float[] eps, float[] delta, Shape g) {
    int pixels = g.outHeight() * g.outWidth();
    int rows = g.rows();
    for (int n = 0; n < g.batch(); n++) {
      for (int o = 0; o < g.out(); o++) {
        System.arraycopy(eps, (n * g.out() + o) * pixels, delta, o * rows + n * pixels, pixels);
      }
    }
  }

  /** {@code out[o] = sum over rows of delta[o, row]}, in row order. */
  private static float[] rowSums(float[] delta, Shape g) {
    float[] sums = new float[g.out()];
    int rows = g.rows();
    for (int o = 0; o < g.out(); o++) {
      float sum = 0;
      int at = o * rows;
      for (int r = 0; r < rows; r++) {
        sum += delta[at + r];
      }
      sums[o] = sum;
    }
    return sums;
  }

  @Override
  public void clear() {
    super.clear();
    patches = null;
  }
}
