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
      if (n.op() instanceof Op.Input || n.op() instanceof Op.Flatten || n.op() instanceof Op.Scale) {
        continue;
      }
      out.add(of(n));
    }
    return out;
  }

  /** The work of one node. */
  static NodeWork of(Node n) {
    long activations = n.output().size();
    for (TensorShape s : n.inputShapes()) {
      activations += s.size();
    }
    Matrix matrix = null;
    if (n.op() instanceof Op.Dense d) {
      matrix = new Matrix(d.in() + (d.bias() ? 1 : 0), d.out(), 1, 1);
    } else if (n.op() instanceof Op.Conv2d c) {
      long positions = (long) n.output().height() * n.output().width();
      matrix = new Matrix((long) c.kernel() * c.kernel() * (c.in() / c.groups()) + (c.bias() ? 1 : 0),
          c.out() / c.groups(), c.groups(), positions);
    } else if (n.op() instanceof Op.Gather g) {
      activations = 2L * g.indices().length;
    }
    return new NodeWork(n.name(), n.flops(), n.parameters(), activations, matrix);
  }
}
