package org.nnx.dl4j;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Max and average pooling for the graphs {@link GraphCompiler} builds: DL4J's {@code
 * SubsamplingLayer} (same output size; padding never wins a maximum and counts in the divisor of an
 * average, as PyTorch's defaults) with a runtime in Java loops ({@link FusedPoolingLayerImpl}).
 *
 * <p>A rectified max pooling computes {@code maxpool(relu(x))} as {@code relu(maxpool(x))}, which is
 * the same function because the rectifier does not decrease, and the same gradient: a window whose
 * maximum is positive sends it to that maximum (the first in row order, as the positions holding the
 * maximum are the same before and after rectifying), and one whose maximum is at most 0 sends
 * nothing, as the rectifier's derivative (0 at 0, DL4J's rule) zeroes it in the unfused pair. The
 * {@code relu} before every pooling of a plain CNN then needs no vertex and no pass of its own.
 */
public class FusedPoolingLayer extends SubsamplingLayer {

  private boolean rectified;

  /** An unconfigured layer; DL4J's JSON reader uses it. */
  public FusedPoolingLayer() {}

  private FusedPoolingLayer(SubsamplingLayer.Builder builder) {
    super(builder);
  }

  /**
   * A configured layer.
   *
   * @param max max pooling, else average pooling
   * @param kernel window side
   * @param stride stride in both directions
   * @param padding padding on every side
   */
  public static FusedPoolingLayer of(boolean max, int kernel, int stride, int padding) {
    return of(max, kernel, stride, padding, false);
  }

  /**
   * A configured layer, optionally with a rectifier applied to its input.
   *
   * @param rectified whether the layer pools {@code relu(x)}; only max pooling can
   * @throws IllegalArgumentException for a rectified average pooling
   */
  public static FusedPoolingLayer of(boolean max, int kernel, int stride, int padding, boolean rectified) {
    if (rectified && !max) {
      throw new IllegalArgumentException("only max pooling commutes with the rectifier");
    }
    FusedPoolingLayer l = new FusedPoolingLayer(new SubsamplingLayer.Builder(max ? PoolingType.MAX : PoolingType.AVG)
        .kernelSize(kernel, kernel).stride(stride, stride).padding(padding, padding).avgPoolIncludePadInDivisor(true));
    l.setRectified(rectified);
    return l;
  }

  /** Whether the layer pools the rectified input {@code relu(x)}. */
  @JsonProperty("rectified")
  public boolean isRectified() {
    return rectified;
  }

  /** Sets whether the layer pools the rectified input. */
  @JsonProperty("rectified")
  public void setRectified(boolean rectified) {
    this.rectified = rectified;
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    return LayerRuntimes.wire(new FusedPoolingLayerImpl(conf, networkDataType), conf, initializer(), trainingListeners, layerIndex,
        layerParamsView, initializeParams);
  }

  @Override
  public FusedPoolingLayer clone() {
    return (FusedPoolingLayer) super.clone();
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FusedPoolingLayer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FusedPoolingLayer f && super.equals(o) && rectified == f.rectified;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), rectified);
  }
}
