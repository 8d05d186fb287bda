package org.nnx.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max and average pooling for the graphs {@link GraphCompiler} builds: DL4J's {@code
 * SubsamplingLayer} (same output size; padding never wins a maximum and counts in the divisor of an
 * average, as PyTorch's defaults) with a runtime in Java loops ({@link FusedPoolingLayerImpl}).
 */
public class FusedPoolingLayer extends SubsamplingLayer {

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
    return new FusedPoolingLayer(new SubsamplingLayer.Builder(max ? PoolingType.MAX : PoolingType.AVG)
        .kernelSize(kernel, kernel).stride(stride, stride).padding(padding, padding).avgPoolIncludePadInDivisor(true));
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
    return o instanceof FusedPoolingLayer && super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
