package org.nnx.dl4j;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nnx.ir.Activation;

/**
 * The runtime of {@link FusedDenseLayer}. Compared with DL4J's {@code DenseLayer} it
 *
 * <ul>
 *   <li>computes every product with one BLAS {@code gemm} call into a preallocated array
 *       ({@code Nd4j.gemm}), or in Java for small ones ({@link SmallArrays#gemm}); DL4J's layer
 *       uses {@code mmuli} with transposed views, which took two to four times as long on the
 *       benchmark machine;
 *   <li>keeps the pre-activation {@code z} (and the activated input) of the training forward pass
 *       for the backward pass instead of recomputing {@code W^T x + b} there;
 *   <li>applies the optional input activation itself (forward and backward);
 *   <li>skips the gradient with respect to the input when the configuration says nobody needs it;
 *   <li>for small single-precision matrices ({@link SmallArrays}), multiplies, adds the bias,
 *       sums its gradient and applies the activations and their derivatives ({@link
 *       ActivationFunctions}) in Java instead of dispatching one ND4J op each.
 * </ul>
 *
 * It computes the same function and the same gradients (dropout, weight noise and layer
 * normalization, which the compiler never sets, are not supported).
 */
final class FusedDenseLayerImpl extends DenseLayer {

  private INDArray activatedInput;
  private INDArray preActivation;

  FusedDenseLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private FusedDenseLayer fused() {
    return (FusedDenseLayer) conf.getLayer();
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    FusedDenseLayer c = fused();
    if (c.getIDropout() != null || c.getWeightNoise() != null || c.hasLayerNorm()) {
      throw new IllegalStateException("fused dense layer " + layerId() + " supports no dropout, weight noise or norm");
    }
    INDArray x = input.castTo(dataType);
    if (x.rank() != 2 || x.size(1) != c.getNIn()) {
      throw new DL4JInvalidInputException("fused dense layer " + layerId() + " expects [batch, " + c.getNIn()
          + "] inputs, got " + java.util.Arrays.toString(x.shape()));
    }
    INDArray a = x;
    if (c.getInputActivation() != null) {
      if (c.getInputFunction() != null && SmallArrays.eligible(x)) {
        a = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        apply(c.getInputFunction(), x, a);
      } else {
        a = c.getInputActivation().getActivation(workspaceMgr.dup(ArrayType.ACTIVATIONS, x, 'c'), training);
      }
    }
    INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
    INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {x.size(0), c.getNOut()},
        'c');
    SmallArrays.gemm(a, w, z, false, false);
    if (hasBias()) {
      SmallArrays.addRowVector(z, getParam(DefaultParamInitializer.BIAS_KEY));
    }
    IActivation act = c.getActivationFn();
    if (training) {
      activatedInput = a;
      preActivation = z;
    }
    if (act instanceof ActivationIdentity) {
      return z;
    }
    if (c.getOutputFunction() != null && SmallArrays.eligible(z)) {
      INDArray out = training ? workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, z.shape(), 'c') : z;
      apply(c.getOutputFunction(), z, out);
      return out;
    }
    INDArray out = training ? workspaceMgr.dup(ArrayType.ACTIVATIONS, z, 'c') : z;
    return act.getActivation(out, training);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (preActivation == null || activatedInput == null) {
      activate(true, workspaceMgr);
    }
    FusedDenseLayer c = fused();
    IActivation act = c.getActivationFn();
    INDArray delta;
    if (act instanceof ActivationIdentity) {
      delta = epsilon;
    } else if (c.getOutputFunction() != null && SmallArrays.eligible(preActivation) && SmallArrays.eligible(epsilon)) {
      delta = preActivation;
      multiplyByDerivative(c.getOutputFunction(), preActivation, epsilon, delta);
    } else {
      delta = act.backprop(preActivation, epsilon).getFirst();
    }
    Gradient ret = new DefaultGradient();
    if (hasBias()) {
      INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      SmallArrays.columnSums(delta, biasGrad);
      ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
    }
    INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    SmallArrays.gemm(activatedInput, delta, weightGrad, true, false);
    ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
    INDArray epsilonNext = null;
    if (c.isInputGradient()) {
      INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
      epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
          new long[] {delta.size(0), w.size(0)}, 'c');
      SmallArrays.gemm(delta, w, epsilonNext, false, true);
      if (c.getInputActivation() != null) {
        INDArray x = input.castTo(dataType);
        if (c.getInputFunction() != null && SmallArrays.eligible(x) && SmallArrays.eligible(epsilonNext)) {
          multiplyByDerivative(c.getInputFunction(), x, epsilonNext, epsilonNext);
        } else {
          // DL4J's activations may write their gradient into a new array of the current (working) workspace
          INDArray copy = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, x, 'c');
          epsilonNext = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
              c.getInputActivation().backprop(copy, epsilonNext).getFirst());
        }
      }
    }
    preActivation = null;
    activatedInput = null;
    return new Pair<>(ret, epsilonNext);
  }

  /** {@code out[i] = f(in[i])} for arrays {@link SmallArrays#eligible} of the same shape. */
  private static void apply(Activation f, INDArray in, INDArray out) {
    FloatIndexer x = (FloatIndexer) in.data().indexer();
    FloatIndexer y = (FloatIndexer) out.data().indexer();
    long n = in.length();
    for (long i = 0; i < n; i++) {
      y.put(i, (float) f.apply(x.get(i)));
    }
  }

  /** {@code out[i] = eps[i] * f'(in[i])} ({@code out} may be {@code in} or {@code eps}). */
  private static void multiplyByDerivative(Activation f, INDArray in, INDArray eps, INDArray out) {
    FloatIndexer x = (FloatIndexer) in.data().indexer();
    FloatIndexer e = (FloatIndexer) eps.data().indexer();
    FloatIndexer y = (FloatIndexer) out.data().indexer();
    long n = in.length();
    for (long i = 0; i < n; i++) {
      y.put(i, (float) (e.get(i) * f.derivative(x.get(i))));
    }
  }

  @Override
  public void clear() {
    super.clear();
    preActivation = null;
    activatedInput = null;
  }
}
