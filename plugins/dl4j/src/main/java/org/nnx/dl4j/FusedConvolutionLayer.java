package org.nnx.dl4j;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A convolution for the graphs {@link GraphCompiler} builds: DL4J's {@code ConvolutionLayer} (same
 * parameters, layout {@code [out, in, kh, kw]}, initializer and output size) with a faster runtime
 * ({@link FusedConvolutionLayerImpl}). It has no activation of its own; activations are their own
 * vertices.
 */
public class FusedConvolutionLayer extends ConvolutionLayer {

  private boolean inputGradient = true;
  private boolean channelsLastOutput;

  /** An unconfigured layer; DL4J's JSON reader uses it. */
  public FusedConvolutionLayer() {}

  private FusedConvolutionLayer(ConvolutionLayer.Builder builder) {
    super(builder);
  }

  /**
   * A configured layer.
   *
   * @param in input channels
   * @param out output channels
   * @param kernel kernel side
   * @param stride stride in both directions
   * @param padding zero padding on every side
   * @param bias whether the layer has a bias
   * @param inputGradient whether backpropagation computes the gradient with respect to the input;
   *     false when the input is the network's input, which needs none
   */
  public static FusedConvolutionLayer of(int in, int out, int kernel, int stride, int padding, boolean bias,
      boolean inputGradient) {
    FusedConvolutionLayer l = new FusedConvolutionLayer(new ConvolutionLayer.Builder(kernel, kernel)
        .stride(stride, stride).padding(padding, padding).nIn(in).nOut(out).hasBias(bias)
        .activation(Activation.IDENTITY));
    l.setInputGradient(inputGradient);
    return l;
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
   * Whether the layer writes its output channels-last: an array of shape {@code [b, c, h, w]} whose
   * memory is {@code [b, h, w, c]} (a permuted view, {@link ChannelsLast}), the layout oneDNN's
   * forward kernels compute in, so that libnd4j converts neither the output array into it before
   * the convolution nor the result back after it. Only with oneDNN's convolutions; set by {@link
   * GraphCompiler} where every consumer is a pooling layer that reads that layout.
   */
  @JsonProperty("channelsLastOutput")
  public boolean isChannelsLastOutput() {
    return channelsLastOutput;
  }

  /** Sets whether the layer writes its output channels-last ({@link #isChannelsLastOutput()}). */
  @JsonProperty("channelsLastOutput")
  public void setChannelsLastOutput(boolean channelsLastOutput) {
    this.channelsLastOutput = channelsLastOutput;
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    return LayerRuntimes.wire(new FusedConvolutionLayerImpl(conf, networkDataType), conf, initializer(), trainingListeners, layerIndex,
        layerParamsView, initializeParams);
  }

  @Override
  public FusedConvolutionLayer clone() {
    return (FusedConvolutionLayer) super.clone();
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FusedConvolutionLayer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FusedConvolutionLayer f && super.equals(o) && inputGradient == f.inputGradient
        && channelsLastOutput == f.channelsLastOutput;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), inputGradient, channelsLastOutput);
  }
}
