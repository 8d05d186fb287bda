package org.nnx.dl4j;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nnx.ir.Activation;

/**
 * A dense layer {@code y = act(W^T inAct(x) + b)} for the graphs {@link GraphCompiler} builds: DL4J's
 * {@code DenseLayer} (same parameters, layout and initializer) with an optional activation applied
 * to its input, fused in so that a DenseNet-type MLP's {@code relu(concat(...))} needs no vertex of
 * its own, and with a faster runtime ({@link FusedDenseLayerImpl}).
 *
 * <p>Made with {@link #of}; the global configuration fills in the updater and regularization.
 */
public class FusedDenseLayer extends DenseLayer {

  private IActivation inputActivation;
  private boolean inputGradient = true;
  private Activation inputFunction;
  private Activation outputFunction;

  /** An unconfigured layer; DL4J's JSON reader and {@link #of} use it. */
  public FusedDenseLayer() {}

  /**
   * A configured layer.
   *
   * @param nIn input features
   * @param nOut output features
   * @param bias whether the layer has a bias
   * @param inputActivation activation applied to the input first, or {@code null}
   * @param activation activation applied to the output, or {@code null} for none
   * @param inputGradient whether backpropagation computes the gradient with respect to the input;
   *     false when the input is the network's input, which needs none
   */
  public static FusedDenseLayer of(long nIn, long nOut, boolean bias, Activation inputActivation,
      Activation activation, boolean inputGradient) {
    FusedDenseLayer l = new FusedDenseLayer();
    l.setNIn(nIn);
    l.setNOut(nOut);
    l.setHasBias(bias);
    Activation out = activation == null ? Activation.IDENTITY : activation;
    l.setActivationFn(ActivationFunctions.dl4j(out));
    l.setOutputFunction(out);
    l.setInputActivation(inputActivation == null ? null : ActivationFunctions.dl4j(inputActivation));
    l.setInputFunction(inputActivation);
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

  /**
   * The IR function of {@link #getInputActivation()}, which lets small arrays be activated in Java
   * ({@link ActivationFunctions}); {@code null} when there is none or it is unknown.
   */
  @JsonProperty("inputFunction")
  public Activation getInputFunction() {
    return inputFunction;
  }

  /** Sets the IR function of the input activation. */
  @JsonProperty("inputFunction")
  public void setInputFunction(Activation inputFunction) {
    this.inputFunction = inputFunction;
  }

  /** The IR function of the output activation, or {@code null} when unknown. */
  @JsonProperty("outputFunction")
  public Activation getOutputFunction() {
    return outputFunction;
  }

  /** Sets the IR function of the output activation. */
  @JsonProperty("outputFunction")
  public void setOutputFunction(Activation outputFunction) {
    this.outputFunction = outputFunction;
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    return LayerRuntimes.wire(new FusedDenseLayerImpl(conf, networkDataType), conf, initializer(), trainingListeners, layerIndex,
        layerParamsView, initializeParams);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FusedDenseLayer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FusedDenseLayer f && super.equals(o) && Objects.equals(inputActivation, f.inputActivation)
        && inputGradient == f.inputGradient && inputFunction == f.inputFunction && outputFunction == f.outputFunction;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), inputActivation, inputGradient, inputFunction, outputFunction);
  }
}
