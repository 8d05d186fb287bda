package org.nnx.dl4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The runtime form of {@link GatherVertex}: copies the selected channels forward and scatter-adds
 * the gradient backward.
 *
 * <p>Activations are handled as row-major {@code [batch, channels, inner]} blocks ({@code inner = 1}
 * for feed-forward, {@code height * width} for convolutional inputs) and copied element by element
 * through the arrays' native buffers (one bulk copy per channel of a feature map): for the few
 * hundred values of an MLP link this costs far less than dispatching native ops. Inputs that are
 * views or not row-major are first copied to row-major arrays.
 */
final class GatherVertexImpl extends BaseGraphVertex {

  private final int[] indices;
  private long[][] inputShapes;
  private int[] sourceInput;
  private int[] sourceChannel;

  GatherVertexImpl(ComputationGraph graph, String name, int vertexIndex, int[] indices, DataType dataType) {
    super(graph, name, vertexIndex, null, null, dataType);
    this.indices = indices.clone();
  }

  @Override
  public boolean hasLayer() {
    return false;
  }

  @Override
  public Layer getLayer() {
    return null;
  }

  @Override
  public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!canDoForward()) {
      throw new IllegalStateException("gather vertex " + vertexName + ": inputs not set");
    }
    INDArray[] in = new INDArray[inputs.length];
    inputShapes = new long[inputs.length][];
    for (int k = 0; k < inputs.length; k++) {
      in[k] = rowMajor(inputs[k], workspaceMgr, ArrayType.ACTIVATIONS);
      inputShapes[k] = in[k].shape();
    }
    mapIndices();
    long[] outShape = inputShapes[0].clone();
    outShape[1] = indices.length;
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, in[0].dataType(), outShape, 'c');
    int batch = Math.toIntExact(outShape[0]);
    int inner = inner(outShape);
    if (out.dataType() == DataType.DOUBLE) {
      DoubleBuffer dst = out.data().asNioDouble();
      DoubleBuffer[] src = new DoubleBuffer[in.length];
      for (int k = 0; k < in.length; k++) {
        src[k] = in[k].data().asNioDouble();
      }
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < indices.length; j++) {
          int k = sourceInput[j];
          int from = (b * channels(k) + sourceChannel[j]) * inner;
          int to = (b * indices.length + j) * inner;
          if (inner == 1) {
            dst.put(to, src[k].get(from));
          } else {
            dst.put(to, src[k], from, inner);
          }
        }
      }
    } else {
      FloatBuffer dst = out.data().asNioFloat();
      FloatBuffer[] src = new FloatBuffer[in.length];
      for (int k = 0; k < in.length; k++) {
        src[k] = in[k].data().asNioFloat();
      }
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < indices.length; j++) {
          int k = sourceInput[j];
          int from = (b * channels(k) + sourceChannel[j]) * inner;
          int to = (b * indices.length + j) * inner;
          if (inner == 1) {
            dst.put(to, src[k].get(from));
          } else {
            dst.put(to, src[k], from, inner);
          }
        }
      }
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
    if (!canDoBackward()) {
      throw new IllegalStateException("gather vertex " + vertexName + ": epsilon not set");
    }
    INDArray eps = rowMajor(epsilon, workspaceMgr, ArrayType.ACTIVATION_GRAD);
    INDArray[] grads = new INDArray[inputShapes.length];
    for (int k = 0; k < grads.length; k++) {
      grads[k] = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, eps.dataType(), inputShapes[k], 'c');
    }
    int batch = Math.toIntExact(eps.size(0));
    int inner = inner(eps.shape());
    if (eps.dataType() == DataType.DOUBLE) {
      DoubleBuffer src = eps.data().asNioDouble();
      DoubleBuffer[] dst = new DoubleBuffer[grads.length];
      for (int k = 0; k < grads.length; k++) {
        dst[k] = grads[k].data().asNioDouble();
      }
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < indices.length; j++) {
          int k = sourceInput[j];
          int to = (b * channels(k) + sourceChannel[j]) * inner;
          int from = (b * indices.length + j) * inner;
          for (int s = 0; s < inner; s++) {
            dst[k].put(to + s, dst[k].get(to + s) + src.get(from + s));
          }
        }
      }
    } else {
      FloatBuffer src = eps.data().asNioFloat();
      FloatBuffer[] dst = new FloatBuffer[grads.length];
      for (int k = 0; k < grads.length; k++) {
        dst[k] = grads[k].data().asNioFloat();
      }
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < indices.length; j++) {
          int k = sourceInput[j];
          int to = (b * channels(k) + sourceChannel[j]) * inner;
          int from = (b * indices.length + j) * inner;
          for (int s = 0; s < inner; s++) {
            dst[k].put(to + s, dst[k].get(to + s) + src.get(from + s));
          }
        }
      }
    }
    return new Pair<>(null, grads);
  }

  /** Maps every output channel to its input and the channel within that input. */
  private void mapIndices() {
    long[] offsets = new long[inputShapes.length + 1];
    for (int k = 0; k < inputShapes.length; k++) {
      if (inputShapes[k].length != inputShapes[0].length) {
        throw new IllegalStateException("gather vertex " + vertexName + ": inputs of different ranks");
      }
      offsets[k + 1] = offsets[k] + inputShapes[k][1];
    }
    sourceInput = new int[indices.length];
    sourceChannel = new int[indices.length];
    for (int j = 0; j < indices.length; j++) {
      int i = indices[j];
      if (i >= offsets[inputShapes.length]) {
        throw new IllegalStateException("gather vertex " + vertexName + ": index " + i + " outside the "
            + offsets[inputShapes.length] + " input channels");
      }
      int k = 0;
      while (i >= offsets[k + 1]) {
        k++;
      }
      sourceInput[j] = k;
      sourceChannel[j] = (int) (i - offsets[k]);
    }
  }

  private int channels(int input) {
    return (int) inputShapes[input][1];
  }

  /** Values per channel of one example: 1 for feed-forward, the product of the spatial sizes otherwise. */
  private static int inner(long[] shape) {
    long n = 1;
    for (int d = 2; d < shape.length; d++) {
      n *= shape[d];
    }
    return Math.toIntExact(n);
  }

  /** {@code a} itself when it is a dense row-major array starting at its buffer's origin, else a row-major copy. */
  private static INDArray rowMajor(INDArray a, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
    DataType t = a.dataType();
    if (t != DataType.FLOAT && t != DataType.DOUBLE) {
      throw new IllegalStateException("gather vertex supports FLOAT and DOUBLE activations, got " + t);
    }
    if (a.length() >= Integer.MAX_VALUE) {
      throw new IllegalStateException("gather vertex supports arrays of fewer than 2^31 values, got " + a.length());
    }
    if (a.rank() < 2) {
      throw new IllegalStateException("gather vertex needs activations of rank 2 or more, got " + Arrays.toString(a.shape()));
    }
    if (a.ordering() == 'c' && !a.isView() && a.data().offset() == 0 && Shape.hasDefaultStridesForShape(a)
        && a.data().length() >= a.length()) {
      return a;
    }
    return workspaceMgr.dup(type, a, 'c');
  }

  @Override
  public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
    if (backpropGradientsViewArray != null) {
      throw new IllegalStateException("gather vertex " + vertexName + " has no parameters");
    }
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
      int minibatchSize) {
    if (maskArrays == null || maskArrays.length == 0) {
      return null;
    }
    return new Pair<>(maskArrays[0], currentMaskState);
  }

  @Override
  public String toString() {
    return "GatherVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\",indices=" + Arrays.toString(indices) + ")";
  }
}
