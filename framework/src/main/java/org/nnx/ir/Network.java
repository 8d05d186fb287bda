package org.nnx.ir;

import java.util.List;

/**
 * A network: a directed acyclic graph of {@link Node}s in topological order ({@code nodes.get(0)}
 * is the input, the last node the logits), plus the {@link Cell} topology the NN-Mass metrics read.
 *
 * @param family the family that built it, e.g. {@code dense_mlp}
 * @param nodes the nodes in topological order
 * @param cells the cells, in order
 */
public record Network(String family, List<Node> nodes, List<Cell> cells) {

  public Network {
    nodes = List.copyOf(nodes);
    cells = List.copyOf(cells);
  }

  /** The input shape of one example. */
  public TensorShape input() {
    return nodes.get(0).output();
  }

  /** The output (logits) shape. */
  public TensorShape output() {
    return nodes.get(nodes.size() - 1).output();
  }

  /** Trainable parameters (see {@link Op} for the convention). */
  public long parameters() {
    return nodes.stream().mapToLong(Node::parameters).sum();
  }

  /** FLOPs of one forward pass of one example (see {@link Op} for the convention). */
  public long flops() {
    return nodes.stream().mapToLong(Node::flops).sum();
  }
}
