package org.nnx.ir;

import java.util.ArrayList;
import java.util.List;

/** Builds a {@link Network} node by node, inferring shapes as it goes. */
public final class NetworkBuilder {

  private final String family;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Cell> cells = new ArrayList<>();

  /** Starts a network of {@code family} with the given input shape; the input is node 0. */
  public NetworkBuilder(String family, TensorShape input) {
    this.family = family;
    nodes.add(new Node(0, "input", new Op.Input(input), List.of(), List.of(), input));
  }

  /**
   * Adds a node.
   *
   * @return the new node's id
   * @throws IllegalArgumentException if the op does not accept the inputs' shapes
   */
  public int add(String name, Op op, int... inputs) {
    List<Integer> ids = new ArrayList<>();
    List<TensorShape> shapes = new ArrayList<>();
    for (int i : inputs) {
      ids.add(i);
      shapes.add(nodes.get(i).output());
    }
    TensorShape out = op.output(shapes);
    int id = nodes.size();
    nodes.add(new Node(id, name, op, List.copyOf(ids), List.copyOf(shapes), out));
    return id;
  }

  /** The output shape of node {@code id}. */
  public TensorShape shape(int id) {
    return nodes.get(id).output();
  }

  /** The nodes added so far, the input included. */
  public int size() {
    return nodes.size();
  }

  /** Node {@code id}. */
  public Node node(int id) {
    return nodes.get(id);
  }

  /** Records the topology of the next cell. */
  public NetworkBuilder cell(Cell cell) {
    cells.add(cell);
    return this;
  }

  /** The finished network. */
  public Network build() {
    return new Network(family, nodes, cells);
  }
}
