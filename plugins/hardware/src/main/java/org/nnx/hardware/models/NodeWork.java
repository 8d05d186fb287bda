package org.nnx.hardware.models;

import java.util.ArrayList;
import java.util.List;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * The work one node of a network does for one inference of one example, as the cost models read
 * it from the IR.
 *
 * @param node the node's name
 * @param flops floating-point operations, by the IR's convention ({@link Op}: 2 per
 *     multiply-accumulate of dense and convolution layers plus 1 per bias term, 0 for every other
 *     op)
 * @param weights trainable scalars the node reads ({@link Op#parameters()})
 * @param activations activation values the node reads and writes: the sum of its input sizes plus
 *     its output size; for a gather only the values it selects, read and written ({@code 2 *
 *     |indices|})
 * @param matrix the weight matrix of a dense or convolution node, {@code null} for other nodes
 */
record NodeWork(String node, long flops, long weights, long activations, Matrix matrix) {

  /**
   * The weight matrix of a dense or convolution layer as a crossbar sees it: {@code groups}
   * independent matrices of {@code rows x columns}, each applied at {@code positions} output
   * positions.
   *
   * @param rows inputs per group: {@code in} for a dense layer, {@code kernel^2 * in / groups} for
   *     a convolution, plus 1 when the layer has a bias (the bias is a row driven by a constant 1)
   * @param columns outputs per group: {@code out / groups}
   * @param groups independent groups (1 for dense layers)
   * @param positions matrix-vector products per example: 1 for a dense layer, {@code H_out *
   *     W_out} for a convolution
   */
  record Matrix(long rows, long columns, long groups, long positions) {}

  /**
   * The work of every node that does any: every node but the input, flattens (a flatten is a
   * reshape that moves nothing) and scales (a constant factor, which an implementation folds into
   * the addition it feeds, {@code y = h + ε x}, an addition that already reads and writes these
   * values), in network order.
   */
  static List<NodeWork> of(Network network) {
    List<NodeWork> out = new ArrayList<>();
    for (Node n : network.nodes()) {
      NodeWork w = of(n);
      if (w != null) {
        out.add(w);
      }
    }
    return out;
  }

  /** The work of one node, or {@code null} for a node that does none (input, flatten, scale). */
  static NodeWork of(Node n) {
    return n.op().accept(new Work(n));
  }

  /** The work of each op; every op of the IR is handled here, so a new one does not compile without it. */
  private static final class Work implements Op.Visitor<NodeWork> {

    private final Node n;

    Work(Node n) {
      this.n = n;
    }

    private NodeWork streaming() {
      long activations = n.output().size();
      for (TensorShape s : n.inputShapes()) {
        activations += s.size();
      }
      return new NodeWork(n.name(), n.flops(), n.parameters(), activations, null);
    }

    private NodeWork withMatrix(Matrix matrix) {
      NodeWork w = streaming();
      return new NodeWork(w.node(), w.flops(), w.weights(), w.activations(), matrix);
    }

    @Override
    public NodeWork input(Op.Input op) {
      return null;
    }

    @Override
    public NodeWork dense(Op.Dense d) {
      return withMatrix(new Matrix(d.in() + (d.bias() ? 1 : 0), d.out(), 1, 1));
    }

    @Override
    public NodeWork conv2d(Op.Conv2d c) {
      long positions = (long) n.output().height() * n.output().width();
      return withMatrix(new Matrix((long) c.kernel() * c.kernel() * (c.in() / c.groups()) + (c.bias() ? 1 : 0),
          c.out() / c.groups(), c.groups(), positions));
    }

    @Override
    public NodeWork batchNorm(Op.BatchNorm op) {
      return streaming();
    }

    @Override
    public NodeWork act(Op.Act op) {
      return streaming();
    }

    @Override
    public NodeWork pool(Op.Pool op) {
      return streaming();
    }

    @Override
    public NodeWork globalAvgPool(Op.GlobalAvgPool op) {
      return streaming();
    }

    @Override
    public NodeWork flatten(Op.Flatten op) {
      return null;
    }

    @Override
    public NodeWork scale(Op.Scale op) {
      return null;
    }

    @Override
    public NodeWork add(Op.Add op) {
      return streaming();
    }

    @Override
    public NodeWork concat(Op.Concat op) {
      return streaming();
    }

    @Override
    public NodeWork gather(Op.Gather g) {
      return new NodeWork(n.name(), n.flops(), n.parameters(), 2L * g.indices().length, null);
    }
  }
}
