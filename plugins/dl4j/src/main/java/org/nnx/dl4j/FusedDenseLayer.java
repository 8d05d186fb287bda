package org.nnx.dl4j;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A dense layer {@code y = act(W^T inAct(x) + b)} for the graphs {@link GraphCompiler} builds: DL4J's
 * {@code DenseLayer} (same parameters, layout and initializer) with an optional activation applied
 * to its input, fused in so that a DenseNet-type MLP's {@code relu(concat(...))} needs no vertex of
 * its own, and with a faster runtime ({@link FusedDenseLayerImpl}).
 *
 * <p>Set up with the setters: {@code setNIn}, {@code setNOut}, {@code setHasBias}, {@code
 * setActivationFn} (the output activation), {@link #setInputActivation} and {@link
 * #setInputGradient}; the global configuration fills in the updater and regularization.
 */
public class FusedDenseLayer extends DenseLayer {

  private IActivation inputActivation;
  private boolean inputGradient = true;

  /** An unconfigured layer; DL4J's JSON reader and {@link #of} use it. */
  public FusedDenseLayer() {}

  /**
   * A configured layer.
   *
   * @param nIn input features
   * @param nOut output features
   * @param bias whether the layer has a bias
   * @param inputActivation activation applied to the input first, or {@code null}
   * @param activation activation applied to the output
   * @param inputGradient whether backpropagation computes the gradient with respect to the input;
   *     false when the input is the network's input, which needs none
   */
  public static FusedDenseLayer of(long nIn, long nOut, boolean bias, IActivation inputActivation,
      IActivation activation, boolean inputGradient) {
    FusedDenseLayer l = new FusedDenseLayer();
    l.setNIn(nIn);
    l.setNOut(nOut);
    l.setHasBias(bias);
    l.setActivationFn(activation);
    l.setInputActivation(inputActivation);
    l.setInputGradient(inputGradient);
    return l;
  }

  /** The activation applied to the input before the product, or {@code null}. */
  @JsonProperty("inputActivation")
  public IActivation getInputActivation() {
    return inputActivation;
  }

  /** Sets the activation applied to the input, or {@code null} for none. */
  @JsonProperty("inputActivation")
  public void setInputActivation(IActivation inputActivation) {
    this.inputActivation = inputActivation;
  }

  /** Whether the backward pass computes the gradient with respect to the input. */
  @JsonProperty("inputGradient")
  public boolean isInputGradient() {
    return inputGradient;
  }

  /** Sets whether the backward pass computes the gradient with respect to the input. */
  @JsonProperty("inputGradient")
  public void setInputGradient(boolean inputGradient) {
    this.inputGradient = inputGradient;
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    FusedDenseLayerImpl ret = new FusedDenseLayerImpl(conf, networkDataType);
    ret.setListeners(trainingListeners);
    ret.setIndex(layerIndex);
    ret.setParamsViewArray(layerParamsView);
    Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
    ret.setParamTable(paramTable);
    ret.setConf(conf);
    return ret;
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FusedDenseLayer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FusedDenseLayer f && super.equals(o) && Objects.equals(inputActivation, f.inputActivation)
        && inputGradient == f.inputGradient;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), inputActivation, inputGradient);
  }
}
