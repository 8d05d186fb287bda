package org.nnx.dl4j;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The initial parameters of a network, by node id, in PyTorch's layouts: a dense layer's weight is
 * {@code out x in} row-major, a convolution's {@code out x (in / groups) x k x k} row-major; a batch
 * norm's {@code weight} is its scale and {@code bias} its shift. The DL4J graph is loaded from
 * these arrays ({@link CompiledGraph#load}), and the LDI metric reads them, so both see the same
 * initialization.
 *
 * @param layers the parameters of every node that has some, by node id
 */
public record InitialWeights(Map<Integer, Layer> layers) {

  public InitialWeights {
    layers = Collections.unmodifiableMap(new TreeMap<>(layers));
  }

  /**
   * One node's parameters.
   *
   * @param weight the weight (or batch-norm scale) values
   * @param bias the bias (or batch-norm shift) values; empty when the node has no bias
   */
  public record Layer(float[] weight, float[] bias) {}

  /**
   * The parameters of node {@code id}.
   *
   * @throws IllegalArgumentException if the node has none
   */
  public Layer of(int id) {
    Layer l = layers.get(id);
    if (l == null) {
      throw new IllegalArgumentException("node " + id + " has no parameters");
    }
    return l;
  }

  /** The number of values held, which equals the network's parameter count. */
  public long count() {
    return layers.values().stream().mapToLong(l -> (long) l.weight().length + l.bias().length).sum();
  }
}
