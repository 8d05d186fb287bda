package org.nnx.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A parameter-free ComputationGraph vertex that selects channels, in a given order, from the
 * channel concatenation of its inputs: the DL4J form of {@link org.nnx.ir.Op.Gather}, which carries
 * the randomly sampled long-range (DenseNet-type) links of NN-Mass cells. DL4J's {@code
 * SubsetVertex} only selects one contiguous range; this vertex takes any index list, with repeats
 * allowed. {@link GraphCompiler} also uses it for a concatenation together with its gathers (all
 * channels of the previous layer, then the sampled ones) and for the channel groups of grouped
 * convolutions.
 *
 * <p>Inputs are feed-forward activations {@code [batch, features]} or convolutional activations
 * {@code [batch, channels, height, width]} (all of one kind, equal height and width). With {@code
 * C} the concatenated channels and {@code idx} the indices, the output is {@code out[b, j, ...] =
 * concat(inputs)[b, idx[j], ...]} for {@code j < idx.length}. The backward pass is the exact
 * adjoint, a scatter-add: {@code dIn[b, idx[j], ...] += dOut[b, j, ...]} for every {@code j}, zero
 * for channels that are not selected. No arithmetic other than these additions is performed, so
 * forward values are copied bit for bit.
 *
 * <p>The configuration serializes to DL4J's JSON with its index list; the runtime vertex is
 * {@link GatherVertexImpl}.
 */
public final class GatherVertex extends GraphVertex {

  private final int[] indices;

  /**
   * A vertex selecting {@code indices}, in order, from the channel concatenation of its inputs.
   *
   * @param indices channel indices into the concatenation, each at least 0; checked against the
   *     inputs' channel count when the graph's shapes are inferred
   * @throws IllegalArgumentException if the list is empty or holds a negative index
   */
  @JsonCreator
  public GatherVertex(@JsonProperty("indices") int[] indices) {
    if (indices == null || indices.length == 0) {
      throw new IllegalArgumentException("a gather vertex needs at least one index");
    }
    for (int i : indices) {
      if (i < 0) {
        throw new IllegalArgumentException("negative gather index " + i);
      }
    }
    this.indices = indices.clone();
  }

  /** The selected channel indices, in output order (a copy). */
  @JsonProperty("indices")
  public int[] getIndices() {
    return indices.clone();
  }

  @Override
  public GatherVertex clone() {
    return new GatherVertex(indices);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatherVertex g && Arrays.equals(indices, g.indices);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(indices);
  }

  /** Always 0: the vertex has no parameters. */
  @Override
  public long numParams(boolean backprop) {
    return 0;
  }

  @Override
  public int minVertexInputs() {
    return 1;
  }

  @Override
  public int maxVertexInputs() {
    return Integer.MAX_VALUE;
  }

  @Override
  public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
      INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
    return new GatherVertexImpl(graph, name, idx, indices, networkDatatype);
  }

  /**
   * The output type: feed-forward with {@code indices.length} features, or convolutional with
   * {@code indices.length} channels and the inputs' height and width.
   *
   * @throws InvalidInputTypeException if the inputs mix kinds, differ in height or width, or an
   *     index is not below the total channel count
   */
  @Override
  public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
    InputType first = vertexInputs[0];
    long channels = 0;
    for (InputType t : vertexInputs) {
      if (t.getType() != first.getType()) {
        throw new InvalidInputTypeException("gather vertex inputs of mixed kinds: " + Arrays.toString(vertexInputs));
      }
      if (t instanceof InputType.InputTypeFeedForward ff) {
        channels += ff.getSize();
      } else if (t instanceof InputType.InputTypeConvolutional c
          && first instanceof InputType.InputTypeConvolutional c0) {
        if (c.getHeight() != c0.getHeight() || c.getWidth() != c0.getWidth()) {
          throw new InvalidInputTypeException("gather vertex inputs of unequal sizes: " + Arrays.toString(vertexInputs));
        }
        channels += c.getChannels();
      } else {
        throw new InvalidInputTypeException("gather vertex takes feed-forward or convolutional inputs, got " + t);
      }
    }
    for (int i : indices) {
      if (i >= channels) {
        throw new InvalidInputTypeException("gather index " + i + " outside the " + channels + " input channels");
      }
    }
    if (first instanceof InputType.InputTypeConvolutional c0) {
      return InputType.convolutional(c0.getHeight(), c0.getWidth(), indices.length, c0.getFormat());
    }
    return InputType.feedForward(indices.length);
  }

  /** No parameters, no working memory beyond the activations. */
  @Override
  public MemoryReport getMemoryReport(InputType... inputTypes) {
    InputType outputType = getOutputType(-1, inputTypes);
    return new LayerMemoryReport.Builder(null, GatherVertex.class, inputTypes[0], outputType)
        .standardMemory(0, 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }
}
