package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast layers against the plain ones: {@link FusedConvolutionLayer} against DL4J's own {@code
 * ConvolutionLayer} (outputs, weight, bias and input gradients; first layers without input
 * gradient), {@link FusedPoolingLayer} against DL4J's pooling (rectified: after DL4J's {@code relu}
 * layer), and {@link FusedBatchNormalization} against the formulas written out in loops (outputs,
 * gradients, PyTorch's running-statistics rule, inference with the running statistics; rectified:
 * followed by the rectifier's formulas).
 */
class FusedLayersTest {

  private static final LayerWorkspaceMgr NONE = LayerWorkspaceMgr.noWorkspaces();

  private static INDArray random(Random r, long... shape) {
    INDArray a = Nd4j.create(DataType.FLOAT, shape, 'c');
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, r.nextGaussian());
    }
    return a;
  }

  /** A layer without parameters of the given precision. */
  private static Layer withoutParameters(org.deeplearning4j.nn.conf.layers.Layer conf, DataType type) {
    NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(type).layer(conf).build();
    return conf.instantiate(nnc, null, 0, null, false, type);
  }

  private static Layer instantiate(org.deeplearning4j.nn.conf.layers.Layer conf, INDArray params) {
    NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
    if (params == null) {
      return conf.instantiate(nnc, null, 0, null, false, DataType.FLOAT);
    }
    Layer layer = conf.instantiate(nnc, null, 0, params.dup(), false, DataType.FLOAT);
    layer.setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, params.length()));
    return layer;
  }

  @ParameterizedTest
  @CsvSource({"3, 8, 3, 1, 1, true, 9, 9, 3", "2, 32, 4, 2, 0, true, 28, 28, 3", "5, 4, 3, 2, 1, false, 7, 6, 2",
      "2, 32, 4, 2, 0, true, 28, 28, 1008",
      "4, 6, 1, 2, 0, false, 5, 5, 4", "1, 3, 5, 1, 2, true, 4, 4, 5"})
  void theFastConvolutionIsDl4jsConvolution(int in, int out, int k, int stride, int pad, boolean bias, int h, int w,
      int batch) {
    Random r = new Random(in * 31L + out * 7L + k);
    ConvolutionLayer stock = new ConvolutionLayer.Builder(k, k).stride(stride, stride).padding(pad, pad).nIn(in)
        .nOut(out).hasBias(bias).activation(Activation.IDENTITY).build();
    FusedConvolutionLayer fast = FusedConvolutionLayer.of(in, out, k, stride, pad, bias, true);
    long n = (long) out * in * k * k + (bias ? out : 0);
    INDArray params = random(r, 1, n);
    INDArray x = random(r, batch, in, h, w);
    INDArray eps = random(r, batch, out, (h + 2 * pad - k) / stride + 1, (w + 2 * pad - k) / stride + 1);
    // both ways the fast layer computes: oneDNN's kernels (the natives' default) and the Java patch matrix
    assertThat(NativeRuntime.oneDnn()).as("the natives have oneDNN").isTrue();
    for (boolean direct : new boolean[] {true, false}) {
      convolveBothWays(instantiate(stock, params), convolution(fast, params, direct), x, eps, bias);
      // a first layer: the weight gradient from the patch matrix, no input gradient
      convolveBothWays(instantiate(stock, params), convolution(FusedConvolutionLayer.of(in, out, k, stride, pad, bias,
          false), params, direct), x, eps, bias);
    }
  }

  private static Layer convolution(FusedConvolutionLayer conf, INDArray params, boolean direct) {
    NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
    Layer layer = LayerRuntimes.wire(new FusedConvolutionLayerImpl(nnc, DataType.FLOAT, direct), nnc,
        conf.initializer(), null, 0, params.dup(), false);
    layer.setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, params.length()));
    return layer;
  }

  private static void convolveBothWays(Layer a, Layer b, INDArray x, INDArray eps, boolean bias) {
    a.setInput(x.dup(), NONE);
    b.setInput(x.dup(), NONE);
    INDArray ya = a.activate(true, NONE);
    INDArray yb = b.activate(true, NONE);
    assertClose(yb, ya, "output");
    Pair<Gradient, INDArray> ga = a.backpropGradient(eps.dup(), NONE);
    Pair<Gradient, INDArray> gb = b.backpropGradient(eps.dup(), NONE);
    assertClose(gb.getFirst().getGradientFor(ConvolutionParamInitializer.WEIGHT_KEY),
        ga.getFirst().getGradientFor(ConvolutionParamInitializer.WEIGHT_KEY), "weight gradient");
    if (bias) {
      assertClose(gb.getFirst().getGradientFor(ConvolutionParamInitializer.BIAS_KEY),
          ga.getFirst().getGradientFor(ConvolutionParamInitializer.BIAS_KEY), "bias gradient");
    }
    if (((FusedConvolutionLayer) b.conf().getLayer()).isInputGradient()) {
      assertClose(gb.getSecond(), ga.getSecond(), "input gradient");
    } else {
      assertThat(gb.getSecond()).as("input gradient of a first layer").isNull();
    }
    // inference (no kept patches) gives the same output
    b.setInput(x.dup(), NONE);
    assertClose(b.activate(false, NONE), ya, "inference output");
  }

  /**
   * Inputs zero outside a small block (ablated images): the inference skips the all-zero patches,
   * and its output is still DL4J's, for a block at the corner, in the middle, none at all, and with a
   * non-finite weight (where skipping would turn NaN into the bias).
   */
  @ParameterizedTest
  @CsvSource({"2, 32, 4, 2, 0, 0, 0", "2, 16, 4, 2, 1, 11, 9", "3, 8, 3, 1, 1, -1, -1", "2, 8, 3, 1, 0, 4, 4"})
  void theInferenceSkipsZeroPatchesExactly(int in, int out, int k, int stride, int pad, int top, int left) {
    Random r = new Random(top * 5L + left + out);
    ConvolutionLayer stock = new ConvolutionLayer.Builder(k, k).stride(stride, stride).padding(pad, pad).nIn(in)
        .nOut(out).hasBias(true).activation(Activation.IDENTITY).build();
    FusedConvolutionLayer fast = FusedConvolutionLayer.of(in, out, k, stride, pad, true, true);
    INDArray params = random(r, 1, (long) out * in * k * k + out);
    INDArray x = Nd4j.zeros(DataType.FLOAT, 6, in, 20, 20);
    if (top >= 0) {
      for (int n = 0; n < 6; n++) {
        for (int c = 0; c < in; c++) {
          for (int y = top; y < top + 5; y++) {
            for (int z = left; z < left + 5; z++) {
              x.putScalar(new long[] {n, c, y, (z + n) % 20}, r.nextFloat());
            }
          }
        }
      }
    }
    Layer a = instantiate(stock, params);
    Layer b = instantiate(fast, params);
    a.setInput(x.dup(), NONE);
    b.setInput(x.dup(), NONE);
    INDArray expected = a.activate(false, NONE);
    INDArray actual = b.activate(false, NONE);
    assertClose(actual, expected, "inference output");
    params.putScalar(0, Float.NaN);
    Layer c = instantiate(fast, params);
    Layer d = instantiate(stock, params);
    c.setInput(x.dup(), NONE);
    d.setInput(x.dup(), NONE);
    INDArray nan = c.activate(false, NONE);
    INDArray stockNan = d.activate(false, NONE);
    for (long i = 0; i < nan.length(); i++) {
      assertThat(Float.isNaN(nan.getFloat(i))).as("NaN weight at " + i).isEqualTo(Float.isNaN(stockNan.getFloat(i)));
    }
  }

  @ParameterizedTest
  @CsvSource({"true, 2, 2, 0, 8, 8", "true, 3, 2, 1, 9, 7", "false, 2, 2, 0, 6, 6", "false, 3, 2, 1, 7, 9",
      "true, 3, 1, 1, 5, 5", "false, 3, 3, 0, 9, 9"})
  void theFastPoolingIsDl4jsPooling(boolean max, int k, int stride, int pad, int h, int w) {
    Random r = new Random(k * 13L + stride + pad);
    org.deeplearning4j.nn.conf.layers.SubsamplingLayer stock = new org.deeplearning4j.nn.conf.layers.SubsamplingLayer
        .Builder(max ? org.deeplearning4j.nn.conf.layers.PoolingType.MAX : org.deeplearning4j.nn.conf.layers.PoolingType.AVG)
        .kernelSize(k, k).stride(stride, stride).padding(pad, pad).avgPoolIncludePadInDivisor(true).build();
    Layer a = instantiate(stock, null);
    Layer b = instantiate(FusedPoolingLayer.of(max, k, stride, pad), null);
    INDArray x = random(r, 3, 4, h, w);
    a.setInput(x.dup(), NONE);
    b.setInput(x.dup(), NONE);
    INDArray ya = a.activate(true, NONE);
    assertClose(b.activate(true, NONE), ya, "output");
    INDArray eps = random(r, ya.shape());
    assertClose(b.backpropGradient(eps.dup(), NONE).getSecond(), a.backpropGradient(eps.dup(), NONE).getSecond(),
        "input gradient");
    b.setInput(x.dup(), NONE);
    assertClose(b.activate(false, NONE), ya, "inference output");
  }

  /**
   * A convolution that writes channels-last maps (oneDNN's path) gives the floats of the one that
   * writes DL4J's layout, and a 2x2 max pooling (rectified or not) reading such a map gives the
   * floats it gives for the same values in DL4J's layout: output, and the gradient routed to the
   * same maxima, in DL4J's layout; ties (the rectified zeros) included.
   */
  @ParameterizedTest
  @CsvSource({"1, 32, 28, 28, true", "32, 64, 14, 14, true", "3, 5, 6, 8, false", "2, 16, 7, 7, true"})
  void channelsLastMapsGiveTheSameFloats(int in, int out, int h, int w, boolean rectified) {
    Random r = new Random(in * 17L + out + h);
    INDArray params = random(r, 1, (long) out * in * 9 + out);
    INDArray x = random(r, 4, in, h, w);
    FusedConvolutionLayer plain = FusedConvolutionLayer.of(in, out, 3, 1, 1, true, true);
    FusedConvolutionLayer last = FusedConvolutionLayer.of(in, out, 3, 1, 1, true, true);
    last.setChannelsLastOutput(true);
    Layer a = convolution(plain, params, true);
    Layer b = convolution(last, params, true);
    a.setInput(x.dup(), NONE);
    b.setInput(x.dup(), NONE);
    INDArray ya = a.activate(true, NONE);
    INDArray yb = b.activate(true, NONE);
    assertThat(ChannelsLast.is(ya)).isFalse();
    assertThat(ChannelsLast.is(yb)).as("a channels-last output").isTrue();
    assertThat(yb.dup('c').data().asFloat()).as("convolution").isEqualTo(ya.dup('c').data().asFloat());
    b.setInput(x.dup(), NONE);
    assertThat(b.activate(false, NONE).dup('c').data().asFloat()).as("inference")
        .isEqualTo(ya.dup('c').data().asFloat());
    INDArray eps = random(r, ya.shape());
    assertThat(b.backpropGradient(eps.dup(), NONE).getSecond().dup('c').data().asFloat()).as("input gradient")
        .isEqualTo(a.backpropGradient(eps.dup(), NONE).getSecond().dup('c').data().asFloat());

    // zeros where the pooling is rectified: windows without a positive value, and ties
    INDArray map = yb.dup('c');
    for (long i = 0; i < map.length(); i += 3) {
      map.putScalar(i, rectified ? -Math.abs(map.getDouble(i)) : 0);
    }
    INDArray channelsLast = Nd4j.create(DataType.FLOAT, 4, h, w, out).permute(0, 3, 1, 2).assign(map);
    assertThat(ChannelsLast.is(channelsLast)).isTrue();
    Layer p1 = instantiate(FusedPoolingLayer.of(true, 2, 2, 0, rectified), null);
    Layer p2 = instantiate(FusedPoolingLayer.of(true, 2, 2, 0, rectified), null);
    p1.setInput(map.dup(), NONE);
    p2.setInput(channelsLast, NONE);
    INDArray pa = p1.activate(true, NONE);
    INDArray pb = p2.activate(true, NONE);
    assertThat(pb.data().asFloat()).as("pooling").isEqualTo(pa.data().asFloat());
    INDArray e = random(r, pa.shape());
    INDArray da = p1.backpropGradient(e.dup(), NONE).getSecond();
    INDArray db = p2.backpropGradient(e.dup(), NONE).getSecond();
    assertThat(db.ordering()).isEqualTo('c');
    assertThat(db.data().asFloat()).as("pooling's input gradient").isEqualTo(da.data().asFloat());
    p2.setInput(channelsLast, NONE);
    assertThat(p2.activate(false, NONE).data().asFloat()).as("pooling's inference").isEqualTo(pa.data().asFloat());
  }

  /** 2x2 max pooling in training routes each window's gradient to its first maximum in row order, on both paths. */
  @Test
  void maxPoolingRoutesTiesToTheFirstMaximum() {
    // ties inside the windows: 1 1 / 3 3, 0 0 / 1 1 and, in a 3x5 image, repeated 4s
    float[] image = {1, 1, 0, 0, 3, 3, 1, 1, 0, 5, 2, 2};
    for (int[] shape : new int[][] {{3, 4}, {3, 5}}) {
      int h = shape[0];
      int w = shape[1];
      INDArray x = Nd4j.create(DataType.FLOAT, 1, 1, h, w);
      for (int i = 0; i < h * w; i++) {
        x.putScalar(i, i < image.length && w == 4 ? image[i] : (i % 3 == 0 ? 4 : 0));
      }
      Layer fast = instantiate(FusedPoolingLayer.of(true, 2, 2, 0), null);
      org.deeplearning4j.nn.conf.layers.SubsamplingLayer stockConf = new org.deeplearning4j.nn.conf.layers
          .SubsamplingLayer.Builder(org.deeplearning4j.nn.conf.layers.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
          .build();
      Layer stock = instantiate(stockConf, null);
      fast.setInput(x.dup(), NONE);
      stock.setInput(x.dup(), NONE);
      INDArray y = fast.activate(true, NONE);
      assertClose(y, stock.activate(true, NONE), "output");
      INDArray eps = Nd4j.create(DataType.FLOAT, y.shape());
      for (long i = 0; i < eps.length(); i++) {
        eps.putScalar(i, i + 1);
      }
      INDArray dx = fast.backpropGradient(eps.dup(), NONE).getSecond();
      // every window sends its gradient to one input: the first maximum in row order
      for (int oy = 0; oy < h / 2; oy++) {
        for (int ox = 0; ox < w / 2; ox++) {
          int first = -1;
          float best = Float.NEGATIVE_INFINITY;
          for (int ky = 0; ky < 2; ky++) {
            for (int kx = 0; kx < 2; kx++) {
              float v = x.getFloat(0, 0, 2 * oy + ky, 2 * ox + kx);
              if (v > best) {
                best = v;
                first = (2 * oy + ky) * w + 2 * ox + kx;
              }
            }
          }
          for (int ky = 0; ky < 2; ky++) {
            for (int kx = 0; kx < 2; kx++) {
              int i = (2 * oy + ky) * w + 2 * ox + kx;
              assertThat(dx.getFloat(i)).as("gradient at " + i).isEqualTo(i == first
                  ? eps.getFloat(0, 0, oy, ox) : 0f);
            }
          }
        }
      }
    }
  }

  /** A value of a rectifier's input: positive ones continuous, others often exactly 0 or tied at -1, -2. */
  private static double kinked(Random r) {
    double v = r.nextGaussian();
    return v > 0 ? v : r.nextBoolean() ? 0 : Math.rint(v);
  }

  /**
   * A rectified max pooling against the pair it replaces, DL4J's {@code relu} layer and then its
   * max pooling: outputs and input gradients, in both precisions (the single-precision loops and the
   * double-precision path around DL4J's layer), with windows whose maximum is 0 or negative.
   */
  @ParameterizedTest
  @CsvSource({"2, 2, 0, 8, 8, FLOAT", "3, 2, 1, 9, 7, FLOAT", "2, 2, 0, 6, 6, DOUBLE", "3, 2, 1, 7, 9, DOUBLE"})
  void aRectifiedMaxPoolingIsReluThenMaxPooling(int k, int stride, int pad, int h, int w, DataType type) {
    Random r = new Random(k * 7L + h);
    org.deeplearning4j.nn.conf.layers.SubsamplingLayer stock = new org.deeplearning4j.nn.conf.layers.SubsamplingLayer
        .Builder(org.deeplearning4j.nn.conf.layers.PoolingType.MAX).kernelSize(k, k).stride(stride, stride)
        .padding(pad, pad).build();
    Layer relu = withoutParameters(new ActivationLayer.Builder().activation(Activation.RELU).build(), type);
    Layer pool = withoutParameters(stock, type);
    Layer fused = withoutParameters(FusedPoolingLayer.of(true, k, stride, pad, true), type);
    INDArray x = Nd4j.create(type, 3, 4, h, w);
    for (long i = 0; i < x.length(); i++) {
      x.putScalar(i, kinked(r));
    }
    relu.setInput(x.dup(), NONE);
    pool.setInput(relu.activate(true, NONE), NONE);
    INDArray expected = pool.activate(true, NONE);
    fused.setInput(x.dup(), NONE);
    assertClose(fused.activate(true, NONE), expected, "output");
    INDArray eps = Nd4j.create(type, expected.shape());
    for (long i = 0; i < eps.length(); i++) {
      eps.putScalar(i, r.nextGaussian());
    }
    INDArray dx = relu.backpropGradient(pool.backpropGradient(eps.dup(), NONE).getSecond(), NONE).getSecond();
    assertClose(fused.backpropGradient(eps.dup(), NONE).getSecond(), dx, "input gradient");
    fused.setInput(x.dup(), NONE);
    assertClose(fused.activate(false, NONE), expected, "inference output");
    assertThatThrownBy(() -> FusedPoolingLayer.of(false, k, stride, pad, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The branch-free rectifier mask: all ones exactly where {@code y > 0}, also for signed zeros and the extremes. */
  @Test
  void theRectifierMaskIsTheComparison() {
    float[] values = {1, 0f, -0f, -1, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3.5e-39f, -2.5f};
    for (float y : values) {
      assertThat(Rectifier.mask(y)).as("mask of " + y).isEqualTo(y > 0 ? -1 : 0);
    }
    Random r = new Random(3);
    for (int i = 0; i < 100_000; i++) {
      float y = Float.intBitsToFloat(r.nextInt());
      if (!Float.isNaN(y)) {
        assertThat(Rectifier.mask(y)).as("mask of " + y).isEqualTo(y > 0 ? -1 : 0);
      }
    }
  }

  /**
   * A rectified batch norm against the same layer unrectified followed by the rectifier's formulas
   * ({@code max(y, 0)}; the gradient zeroed where {@code y ≤ 0}), on both paths.
   */
  @ParameterizedTest
  @CsvSource({"true, 8, 16, 6, 6", "false, 8, 16, 6, 6", "true, 5, 3, 1, 1", "false, 4, 6, 3, 2"})
  void aRectifiedBatchNormIsBatchNormThenRelu(boolean bulk, int batch, int channels, int h, int w) {
    Random r = new Random(channels * 3L + h);
    INDArray params = random(r, 1, 4 * channels);
    INDArray x = h * w == 1 ? random(r, batch, channels) : random(r, batch, channels, h, w);
    INDArray eps = random(r, x.shape());
    Layer[] layers = new Layer[2];
    for (int i = 0; i < 2; i++) {
      FusedBatchNormalization conf = i == 0 ? FusedBatchNormalization.rectified(channels, 1e-5, 0.9)
          : FusedBatchNormalization.of(channels, 1e-5, 0.9);
      NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
      layers[i] = LayerRuntimes.wire(new FusedBatchNormalizationImpl(nnc, DataType.FLOAT, bulk), nnc,
          conf.initializer(), null, 0, params.dup(), false);
      layers[i].setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, params.length()));
      layers[i].setInput(x.dup(), NONE);
    }
    INDArray y = layers[1].activate(true, NONE);
    INDArray positive = y.gt(0).castTo(DataType.FLOAT);
    assertThat(positive.sumNumber().doubleValue()).as("outputs above 0").isBetween(0.2 * y.length(), 0.8 * y.length());
    assertClose(layers[0].activate(true, NONE), y.mul(positive), "output");
    Pair<Gradient, INDArray> expected = layers[1].backpropGradient(eps.mul(positive), NONE);
    INDArray before = eps.dup();
    Pair<Gradient, INDArray> actual = layers[0].backpropGradient(eps, NONE);
    assertThat(eps).as("the epsilon handed in").isEqualTo(before);
    assertClose(actual.getSecond(), expected.getSecond(), "input gradient");
    for (String key : new String[] {BatchNormalizationParamInitializer.GAMMA, BatchNormalizationParamInitializer.BETA,
        BatchNormalizationParamInitializer.GLOBAL_MEAN, BatchNormalizationParamInitializer.GLOBAL_LOG_STD}) {
      assertClose(actual.getFirst().getGradientFor(key), expected.getFirst().getGradientFor(key), key);
    }
    for (Layer l : layers) {
      l.setInput(x.dup(), NONE);
    }
    INDArray inference = layers[1].activate(false, NONE);
    assertClose(layers[0].activate(false, NONE), inference.mul(inference.gt(0).castTo(DataType.FLOAT)), "inference");
  }

  private static void assertClose(INDArray actual, INDArray expected, String what) {
    assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
    double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
    for (long i = 0; i < expected.length(); i++) {
      assertThat(actual.getDouble(i)).as(what + " at " + i).isCloseTo(expected.getDouble(i),
          org.assertj.core.api.Assertions.within(2e-5 * scale));
    }
  }

  /** A rectified batch norm gives the same floats, forward and backward, on the plain and on the Vector API's loops. */
  @ParameterizedTest
  @CsvSource({"8, 16, 28, 28", "3, 5, 7, 7", "6, 4, 1, 1"})
  void theBatchNormsFloatsDoNotDependOnItsKernels(int batch, int channels, int h, int w) {
    Random r = new Random(channels * 7L + h);
    FusedBatchNormalization conf = FusedBatchNormalization.rectified(channels, 1e-5, 0.9);
    INDArray params = random(r, 1, 4 * channels);
    INDArray x = h * w == 1 ? random(r, batch, channels) : random(r, batch, channels, h, w);
    INDArray eps = random(r, x.shape());
    ChannelKernels[] kernels = {new PlainChannelKernels(), new VectorChannelKernels()};
    INDArray[][] results = new INDArray[2][];
    for (int i = 0; i < 2; i++) {
      NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
      Layer layer = LayerRuntimes.wire(new FusedBatchNormalizationImpl(nnc, DataType.FLOAT, true, kernels[i]), nnc,
          conf.initializer(), null, 0, params.dup(), false);
      layer.setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, params.length()));
      layer.setInput(x.dup(), NONE);
      INDArray y = layer.activate(true, NONE).dup();
      Pair<Gradient, INDArray> g = layer.backpropGradient(eps.dup(), NONE);
      results[i] = new INDArray[] {y, g.getSecond().dup(),
          g.getFirst().getGradientFor(BatchNormalizationParamInitializer.GAMMA).dup(),
          g.getFirst().getGradientFor(BatchNormalizationParamInitializer.BETA).dup(),
          g.getFirst().getGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN).dup(),
          g.getFirst().getGradientFor(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).dup()};
    }
    String[] names = {"output", "input gradient", "gamma", "beta", "running mean", "running log std"};
    for (int k = 0; k < names.length; k++) {
      // Arrays.equals on float[]: bit for bit (INDArray.equals allows 1e-5)
      assertThat(results[1][k].data().asFloat()).as(names[k]).isEqualTo(results[0][k].data().asFloat());
    }
  }

  /** The bulk path (Java arrays) computes what the element-wise path does, for images and vectors. */
  @ParameterizedTest
  @CsvSource({"8, 16, 28, 28", "4, 8, 7, 7", "3, 5, 1, 1", "2, 7, 3, 4"})
  void theBatchNormsBulkPathIsItsElementWisePath(int batch, int channels, int h, int w) {
    Random r = new Random(batch * 13L + channels);
    FusedBatchNormalization conf = FusedBatchNormalization.of(channels, 1e-5, 0.9);
    INDArray params = random(r, 1, 4 * channels);
    INDArray x = h * w == 1 ? random(r, batch, channels) : random(r, batch, channels, h, w);
    INDArray eps = random(r, x.shape());
    Layer[] layers = new Layer[2];
    Pair<Gradient, INDArray>[] grads = new Pair[2];
    INDArray[] y = new INDArray[2];
    INDArray[] inference = new INDArray[2];
    for (int i = 0; i < 2; i++) {
      NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
      layers[i] = LayerRuntimes.wire(new FusedBatchNormalizationImpl(nnc, DataType.FLOAT, i == 0), nnc,
          conf.initializer(), null, 0, params.dup(), false);
      layers[i].setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, params.length()));
      layers[i].setInput(x.dup(), NONE);
      y[i] = layers[i].activate(true, NONE);
      grads[i] = layers[i].backpropGradient(eps.dup(), NONE);
      layers[i].setInput(x.dup(), NONE);
      inference[i] = layers[i].activate(false, NONE);
    }
    assertClose(y[0], y[1], "output");
    assertClose(grads[0].getSecond(), grads[1].getSecond(), "input gradient");
    for (String key : new String[] {BatchNormalizationParamInitializer.GAMMA, BatchNormalizationParamInitializer.BETA,
        BatchNormalizationParamInitializer.GLOBAL_MEAN, BatchNormalizationParamInitializer.GLOBAL_LOG_STD}) {
      assertClose(grads[0].getFirst().getGradientFor(key), grads[1].getFirst().getGradientFor(key), key);
    }
    assertClose(inference[0], inference[1], "inference");
  }

  @Test
  void theFastBatchNormFollowsTheFormulasAndPyTorchsRunningStatistics() {
    Random r = new Random(5);
    int batch = 4;
    int channels = 3;
    int pixels = 5;
    FusedBatchNormalization conf = FusedBatchNormalization.of(channels, 1e-5, 0.9);
    // parameters: gamma, beta, mean, log10 std
    INDArray params = Nd4j.create(DataType.FLOAT, 1, 4 * channels);
    double[] gamma = {1.5, -0.5, 2};
    double[] beta = {0.1, 0.2, -0.3};
    double[] mean0 = {0.3, -1, 0};
    double[] var0 = {2, 0.5, 1};
    for (int c = 0; c < channels; c++) {
      params.putScalar(c, gamma[c]);
      params.putScalar(channels + c, beta[c]);
      params.putScalar(2 * channels + c, mean0[c]);
      params.putScalar(3 * channels + c, 0.5 * Math.log10(var0[c]));
    }
    Layer layer = instantiate(conf, params);
    INDArray x = random(r, batch, channels, 1, pixels);
    layer.setInput(x.dup(), NONE);
    INDArray y = layer.activate(true, NONE);
    INDArray eps = random(r, y.shape());
    Pair<Gradient, INDArray> g = layer.backpropGradient(eps.dup(), NONE);
    int count = batch * pixels;
    for (int c = 0; c < channels; c++) {
      double mean = 0;
      for (int n = 0; n < batch; n++) {
        for (int p = 0; p < pixels; p++) {
          mean += x.getDouble(n, c, 0, p) / count;
        }
      }
      double var = 0;
      for (int n = 0; n < batch; n++) {
        for (int p = 0; p < pixels; p++) {
          var += Math.pow(x.getDouble(n, c, 0, p) - mean, 2) / count;
        }
      }
      double inv = 1 / Math.sqrt(var + 1e-5);
      double sumE = 0;
      double sumEh = 0;
      for (int n = 0; n < batch; n++) {
        for (int p = 0; p < pixels; p++) {
          double h = (x.getDouble(n, c, 0, p) - mean) * inv;
          assertThat(y.getDouble(n, c, 0, p)).isCloseTo(gamma[c] * h + beta[c], org.assertj.core.api.Assertions.within(1e-5));
          sumE += eps.getDouble(n, c, 0, p);
          sumEh += eps.getDouble(n, c, 0, p) * h;
        }
      }
      assertThat(g.getFirst().getGradientFor(BatchNormalizationParamInitializer.GAMMA).getDouble(c))
          .isCloseTo(sumEh, org.assertj.core.api.Assertions.within(1e-4));
      assertThat(g.getFirst().getGradientFor(BatchNormalizationParamInitializer.BETA).getDouble(c))
          .isCloseTo(sumE, org.assertj.core.api.Assertions.within(1e-4));
      for (int n = 0; n < batch; n++) {
        for (int p = 0; p < pixels; p++) {
          double h = (x.getDouble(n, c, 0, p) - mean) * inv;
          double dx = gamma[c] * inv / count * (count * eps.getDouble(n, c, 0, p) - sumE - h * sumEh);
          assertThat(g.getSecond().getDouble(n, c, 0, p)).isCloseTo(dx, org.assertj.core.api.Assertions.within(1e-4));
        }
      }
      // the no-op updater subtracts these: the running statistics become PyTorch's (unbiased variance)
      double newMean = 0.9 * mean0[c] + 0.1 * mean;
      double newVar = 0.9 * var0[c] + 0.1 * var * count / (count - 1);
      assertThat(mean0[c] - g.getFirst().getGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN).getDouble(c))
          .isCloseTo(newMean, org.assertj.core.api.Assertions.within(1e-6));
      double logStd = 0.5 * Math.log10(var0[c]);
      assertThat(logStd - g.getFirst().getGradientFor(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).getDouble(c))
          .isCloseTo(0.5 * Math.log10(newVar), org.assertj.core.api.Assertions.within(1e-6));
    }
    // inference normalizes by the running statistics
    layer.setInput(x.dup(), NONE);
    INDArray inference = layer.activate(false, NONE);
    for (int c = 0; c < channels; c++) {
      double inv = 1 / Math.sqrt(var0[c] + 1e-5);
      assertThat(inference.getDouble(1, c, 0, 2)).isCloseTo(gamma[c] * (x.getDouble(1, c, 0, 2) - mean0[c]) * inv
          + beta[c], org.assertj.core.api.Assertions.within(1e-5));
    }
  }
}
