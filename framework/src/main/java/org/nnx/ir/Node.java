package org.nnx.ir;

import java.util.List;

/**
 * One node of a {@link Network}: an op applied to the outputs of earlier nodes.
 *
 * @param id the node's index in {@link Network#nodes()}
 * @param name a readable, unique name such as {@code cell1.layer3}
 * @param op what the node computes
 * @param inputs ids of the nodes whose outputs it takes, in order
 * @param inputShapes the shapes of those outputs
 * @param output the node's output shape
 */
public record Node(int id, String name, Op op, List<Integer> inputs, List<TensorShape> inputShapes, TensorShape output) {

  /** Trainable parameters of this node. */
  public long parameters() {
    return op.parameters();
  }

  /** FLOPs of this node for one example. */
  public long flops() {
    return op.flops(inputShapes);
  }
}
