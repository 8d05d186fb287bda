package org.nnx.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The classifier of the graphs {@link GraphCompiler} builds: DL4J's {@code OutputLayer} with
 * softmax activation and multi-class cross entropy ({@code MCXENT}), same parameters, with a
 * faster runtime ({@link SoftmaxOutputLayerImpl}) that computes loss and gradient together from
 * the logits in one pass (the log-softmax exactly, where DL4J's {@code MCXENT} clips probabilities
 * at 1e-10).
 */
public class SoftmaxOutputLayer extends OutputLayer {

  /** An unconfigured layer; DL4J's JSON reader and {@link #of} use it. */
  public SoftmaxOutputLayer() {}

  /**
   * A configured layer.
   *
   * @param nIn input features
   * @param nOut classes
   * @param bias whether the layer has a bias
   */
  public static SoftmaxOutputLayer of(long nIn, long nOut, boolean bias) {
    SoftmaxOutputLayer l = new SoftmaxOutputLayer();
    l.setNIn(nIn);
    l.setNOut(nOut);
    l.setHasBias(bias);
    l.setActivationFn(new ActivationSoftmax());
    l.setLossFn(new LossMCXENT());
    return l;
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    return LayerRuntimes.wire(new SoftmaxOutputLayerImpl(conf, networkDataType), conf, initializer(), trainingListeners, layerIndex,
        layerParamsView, initializeParams);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof SoftmaxOutputLayer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SoftmaxOutputLayer && super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode() * 31 + 7;
  }
}
