package org.nnx.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every layer configuration of this plugin does in {@code instantiate}, once: DL4J's own
 * layers wire their runtime object to its listeners, index, parameter view and parameter table in
 * the same steps.
 */
final class LayerRuntimes {

  private LayerRuntimes() {}

  /** Wires {@code runtime} as DL4J's layer configurations do, and returns it. */
  static <L extends Layer> L wire(L runtime, NeuralNetConfiguration conf, ParamInitializer initializer,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams) {
    runtime.setListeners(listeners);
    runtime.setIndex(index);
    runtime.setParamsViewArray(paramsView);
    runtime.setParamTable(initializer.init(conf, paramsView, initializeParams));
    runtime.setConf(conf);
    return runtime;
  }
}
