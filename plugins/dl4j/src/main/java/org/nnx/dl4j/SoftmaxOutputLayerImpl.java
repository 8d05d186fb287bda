package org.nnx.dl4j;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime of {@link SoftmaxOutputLayer}. With logits {@code z = W^T a + b} (one BLAS {@code
 * gemm}, or {@link SmallArrays#gemm} for small ones), labels {@code y} and {@code lse = log(sum exp z)} per example, one pass over the {@code
 * batch x classes} logits gives the loss {@code sum_c y_c (lse - z_c)} and, in place, the gradient
 * {@code (sum_c y_c) softmax(z) - y} (which is {@code p - y} for one-hot labels). The backward pass
 * keeps the minibatch's summed loss, so the score DL4J asks for afterwards costs nothing; DL4J's
 * {@code OutputLayer} computes the logits, the softmax and the loss twice more (once for the score,
 * once for the gradient). Masks are not supported (the compiler never sets them).
 */
final class SoftmaxOutputLayerImpl extends OutputLayer {

  private double lossSum = Double.NaN;

  SoftmaxOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private INDArray logits(LayerWorkspaceMgr workspaceMgr, ArrayType type) {
    INDArray a = input.castTo(dataType);
    long nIn = layerConf().getNIn();
    if (a.rank() != 2 || a.size(1) != nIn) {
      throw new DL4JInvalidInputException("output layer " + layerId() + " expects [batch, " + nIn + "] inputs, got "
          + java.util.Arrays.toString(a.shape()));
    }
    INDArray z = workspaceMgr.createUninitialized(type, dataType, new long[] {a.size(0), layerConf().getNOut()}, 'c');
    SmallArrays.gemm(a, getParam(DefaultParamInitializer.WEIGHT_KEY), z, false, false);
    if (hasBias()) {
      SmallArrays.addRowVector(z, getParam(DefaultParamInitializer.BIAS_KEY));
    }
    return z;
  }

  /** Softmax probabilities. */
  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    return layerConf().getActivationFn().getActivation(logits(workspaceMgr, ArrayType.ACTIVATIONS), training);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (labels == null) {
      throw new IllegalStateException("output layer " + layerId() + " has no labels");
    }
    if (maskArray != null) {
      throw new UnsupportedOperationException("output layer " + layerId() + " does not support masks");
    }
    INDArray delta = logits(workspaceMgr, ArrayType.BP_WORKING_MEM);
    INDArray y = labels.castTo(dataType);
    if (y.ordering() != 'c' || y.isView() || y.elementWiseStride() != 1) {
      y = y.dup('c');
    }
    lossSum = lossAndGradient(delta, y);

    Gradient gradient = new DefaultGradient();
    INDArray a = input.castTo(dataType);
    INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    SmallArrays.gemm(a, delta, weightGrad, true, false);
    gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
    if (hasBias()) {
      INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      SmallArrays.columnSums(delta, biasGrad);
      gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
    }
    this.gradient = gradient;
    INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
    INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
        new long[] {delta.size(0), w.size(0)}, 'c');
    SmallArrays.gemm(delta, w, epsilonNext, false, true);
    return new Pair<>(gradient, epsilonNext);
  }

  /**
   * Replaces the logits {@code z} by the loss gradient {@code (sum y) softmax(z) - y}, row by row,
   * and returns the summed cross entropy {@code sum_rows sum_c y_c (lse - z_c)} in nats.
   */
  private static double lossAndGradient(INDArray z, INDArray y) {
    int rows = (int) z.size(0);
    int k = (int) z.size(1);
    double[] row = new double[k];
    double[] target = new double[k];
    double loss = 0;
    boolean single = z.dataType() == DataType.FLOAT;
    FloatIndexer zf = single ? (FloatIndexer) z.data().indexer() : null;
    DoubleIndexer zd = single ? null : (DoubleIndexer) z.data().indexer();
    FloatIndexer yf = single ? (FloatIndexer) y.data().indexer() : null;
    DoubleIndexer yd = single ? null : (DoubleIndexer) y.data().indexer();
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      double mass = 0;
      for (int c = 0; c < k; c++) {
        long i = (long) r * k + c;
        row[c] = single ? zf.get(i) : zd.get(i);
        target[c] = single ? yf.get(i) : yd.get(i);
        max = Math.max(max, row[c]);
        mass += target[c];
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(row[c] - max);
      }
      double lse = max + Math.log(sum);
      for (int c = 0; c < k; c++) {
        loss += target[c] * (lse - row[c]);
        double g = mass * Math.exp(row[c] - lse) - target[c];
        long i = (long) r * k + c;
        if (single) {
          zf.put(i, (float) g);
        } else {
          zd.put(i, g);
        }
      }
    }
    return loss;
  }

  /**
   * The minibatch's mean cross entropy plus {@code fullNetRegTerm}: taken from the backward pass of
   * the same input and labels when there was one, else computed from the logits.
   */
  @Override
  public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (input == null || labels == null) {
      throw new IllegalStateException("cannot compute the score of " + layerId() + " without input and labels");
    }
    double sum = lossSum;
    if (Double.isNaN(sum)) {
      INDArray z = logits(workspaceMgr, ArrayType.FF_WORKING_MEM);
      INDArray y = labels.castTo(dataType).dup('c');
      sum = lossAndGradient(z, y);
    }
    double s = sum;
    if (conf().isMiniBatch()) {
      s /= getInputMiniBatchSize();
    }
    this.score = s + fullNetRegTerm;
    return score;
  }

  @Override
  public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    lossSum = Double.NaN;
    super.setInput(input, workspaceMgr);
  }

  @Override
  public void setLabels(INDArray labels) {
    lossSum = Double.NaN;
    super.setLabels(labels);
  }

  @Override
  public void clear() {
    lossSum = Double.NaN;
    super.clear();
  }
}
