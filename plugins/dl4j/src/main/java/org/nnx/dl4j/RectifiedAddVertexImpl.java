package org.nnx.dl4j;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The runtime of {@link RectifiedAddVertex}: DL4J's sum (one native pass, in input order), rectified
 * in place; the backward pass hands every input the gradient masked where the output is not above
 * 0 (the rectifier's derivative, 0 at 0 as DL4J's), in single precision one chunk at a time in Java
 * arrays with {@link Rectifier#mask}'s branch-free mask, the output kept from
 * the forward pass (it lives in the activations' workspace, which lasts the iteration).
 */
final class RectifiedAddVertexImpl extends ElementWiseVertex {

  /** Values per chunk of the backward pass: 64 KiB of floats, which stay in the cache. */
  private static final int CHUNK = 16_384;

  private INDArray output;
  private final float[] values = new float[CHUNK];
  private final float[] gradient = new float[CHUNK];
  private final ChannelKernels kernels = ChannelKernels.fastest();

  RectifiedAddVertexImpl(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
    super(graph, name, vertexIndex, Op.Add, dataType);
  }

  @Override
  public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
    INDArray sum = super.doForward(training, workspaceMgr);
    for (INDArray in : inputs) {
      if (in == sum) {
        sum = workspaceMgr.dup(ArrayType.ACTIVATIONS, sum);
      }
    }
    output = Transforms.relu(sum, false);
    return output;
  }

  @Override
  public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
    if (!canDoBackward() || output == null) {
      throw new IllegalStateException("rectified sum " + vertexName + ": no forward pass or epsilon");
    }
    INDArray[] grads = new INDArray[inputs.length];
    if (dense(output) && output.dataType() == DataType.FLOAT) {
      INDArray eps = epsilon.castTo(DataType.FLOAT);
      if (!dense(eps)) {
        eps = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, eps, 'c');
      }
      FloatBuffer[] to = new FloatBuffer[grads.length];
      for (int k = 0; k < grads.length; k++) {
        grads[k] = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, eps.shape(), 'c');
        to[k] = grads[k].data().asNioFloat();
      }
      FloatBuffer y = output.data().asNioFloat();
      FloatBuffer e = eps.data().asNioFloat();
      int length = Math.toIntExact(eps.length());
      for (int from = 0; from < length; from += CHUNK) {
        int n = Math.min(CHUNK, length - from);
        y.get(from, values, 0, n);
        e.get(from, gradient, 0, n);
        kernels.mask(gradient, values, n);
        for (FloatBuffer t : to) {
          t.put(from, gradient, 0, n);
        }
      }
    } else {
      INDArray masked = epsilon.mul(output.gt(0).castTo(epsilon.dataType()));
      for (int k = 0; k < grads.length; k++) {
        grads[k] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, masked);
      }
    }
    output = null;
    return new Pair<>(null, grads);
  }

  /** Whether {@code a} is a c-ordered array, not a view, whose buffer starts at its first element. */
  private static boolean dense(INDArray a) {
    return a.ordering() == 'c' && !a.isView() && a.elementWiseStride() == 1 && a.data().offset() == 0
        && a.data().length() >= a.length();
  }

  @Override
  public String toString() {
    return "RectifiedAddVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\")";
  }
}
