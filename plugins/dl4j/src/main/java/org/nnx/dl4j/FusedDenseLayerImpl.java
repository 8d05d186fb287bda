package org.nnx.dl4j;

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
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of {@link FusedDenseLayer}. Compared with DL4J's {@code DenseLayer} it
 *
 * <ul>
 *   <li>computes every product with one BLAS {@code gemm} call into a preallocated array
 *       ({@code Nd4j.gemm}); DL4J's layer uses {@code mmuli} with transposed views, which took two
 *       to four times as long on the benchmark machine;
 *   <li>keeps the pre-activation {@code z} (and the activated input) of the training forward pass
 *       for the backward pass instead of recomputing {@code W^T x + b} there;
 *   <li>applies the optional input activation itself (forward and backward);
 *   <li>skips the gradient with respect to the input when the configuration says nobody needs it.
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
      a = workspaceMgr.dup(ArrayType.ACTIVATIONS, x, 'c');
      a = c.getInputActivation().getActivation(a, training);
    }
    INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
    INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {x.size(0), c.getNOut()},
        'c');
    Nd4j.gemm(a, w, z, false, false, 1.0, 0.0);
    if (hasBias()) {
      z.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
    }
    IActivation act = c.getActivationFn();
    if (training) {
      activatedInput = a;
      preActivation = z;
    }
    if (act instanceof ActivationIdentity) {
      return z;
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
    INDArray delta = act instanceof ActivationIdentity ? epsilon : act.backprop(preActivation, epsilon).getFirst();
    Gradient ret = new DefaultGradient();
    if (hasBias()) {
      INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      delta.sum(biasGrad, 0);
      ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
    }
    INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    Nd4j.gemm(activatedInput, delta, weightGrad, true, false, 1.0, 0.0);
    ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
    INDArray epsilonNext = null;
    if (c.isInputGradient()) {
      INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
      epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
          new long[] {delta.size(0), w.size(0)}, 'c');
      Nd4j.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
      if (c.getInputActivation() != null) {
        // activations' backprop may write into a new array of the current (working) workspace
        INDArray x = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, input.castTo(dataType), 'c');
        epsilonNext = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
            c.getInputActivation().backprop(x, epsilonNext).getFirst());
      }
    }
    preActivation = null;
    activatedInput = null;
    return new Pair<>(ret, epsilonNext);
  }

  @Override
  public void clear() {
    super.clear();
    preActivation = null;
    activatedInput = null;
  }
}
