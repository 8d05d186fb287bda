package org.nnx.dl4j;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code relu(a + b + ...)}: DL4J's element-wise sum vertex with the rectifier that follows a
 * residual addition fused in ({@link GraphCompiler} uses it where the sum's only consumer is a
 * {@code relu}), so that the rectifier needs no layer of its own: no copy of its input in the
 * backward pass and no separate passes over the activations. Same output type and memory as DL4J's
 * vertex; the runtime is {@link RectifiedAddVertexImpl}.
 */
public final class RectifiedAddVertex extends ElementWiseVertex {

  /** The vertex; {@code op} (DL4J's JSON form) must be {@code Add}. */
  @JsonCreator
  public RectifiedAddVertex(@JsonProperty("op") Op op) {
    super(Op.Add);
    if (op != null && op != Op.Add) {
      throw new IllegalArgumentException("a rectified element-wise vertex adds, got " + op);
    }
  }

  /** The vertex. */
  public RectifiedAddVertex() {
    this(Op.Add);
  }

  @Override
  public RectifiedAddVertex clone() {
    return new RectifiedAddVertex();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RectifiedAddVertex;
  }

  @Override
  public int hashCode() {
    return RectifiedAddVertex.class.hashCode();
  }

  /** At least two inputs: the sum of one array would be that array, which the rectifier then changes in place. */
  @Override
  public int minVertexInputs() {
    return 2;
  }

  @Override
  public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
      boolean initializeParams, DataType networkDatatype) {
    return new RectifiedAddVertexImpl(graph, name, idx, networkDatatype);
  }

  @Override
  public String toString() {
    return "RectifiedAddVertex()";
  }
}
