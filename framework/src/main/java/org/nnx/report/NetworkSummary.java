package org.nnx.report;

import java.util.ArrayList;
import java.util.List;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;

/**
 * A network node by node, as {@code torchinfo.summary} and Keras's {@code Model.summary()} show
 * one: each node's name, what it computes, the nodes it reads, its output shape (per example,
 * {@code channels x height x width} or a feature count), its trainable parameters and its FLOPs
 * (the counting of {@link Op}), then the totals. What {@code nnx summary} prints and each run
 * directory's {@code networks/} holds.
 */
public final class NetworkSummary {

  /** Inputs listed by name; a node reading more (a gather of many layers) lists the first ones and a count. */
  private static final int MAX_INPUTS = 3;

  private NetworkSummary() {}

  /** The node table, with a last row of totals. */
  public static ResultTable table(Network network) {
    List<List<String>> rows = new ArrayList<>();
    List<Node> nodes = network.nodes();
    for (Node n : nodes) {
      List<String> names = n.inputs().stream().map(i -> nodes.get(i).name()).toList();
      String inputs = names.size() <= MAX_INPUTS ? String.join(", ", names)
          : String.join(", ", names.subList(0, MAX_INPUTS - 1)) + " and " + (names.size() - MAX_INPUTS + 1) + " more";
      rows.add(List.of(n.name(), describe(n.op()), inputs, n.output().toString(), Long.toString(n.parameters()),
          Long.toString(n.flops())));
    }
    rows.add(List.of("total", nodes.size() + " nodes", "", "", Long.toString(network.parameters()),
        Long.toString(network.flops())));
    return ResultTable.ofCells(List.of("node", "op", "inputs", "output", "params", "flops"), rows);
  }

  /** The summary as plain text: a title line, the table, and the cells the NN-Mass metrics read. */
  public static String text(String title, Network network) {
    StringBuilder out = new StringBuilder(title).append('\n');
    out.append("input ").append(network.input()).append(", output ").append(network.output()).append(", ")
        .append(network.parameters()).append(" parameters, ").append(network.flops()).append(" FLOPs\n\n");
    out.append(TextTable.plain(table(network)));
    if (!network.cells().isEmpty()) {
      out.append("\ncells (as nn_mass, nn_density and nn_degree read them):\n");
      network.cells().forEach(c -> out.append("  ").append(cell(c)).append('\n'));
    }
    return out.toString();
  }

  private static String cell(org.nnx.ir.Cell c) {
    if (c instanceof org.nnx.ir.Cell.Dense d) {
      return "dense cell: width " + d.width() + ", depth " + d.depth() + ", tc " + d.tc() + ", links per layer "
          + java.util.Arrays.toString(d.longRange());
    }
    if (c instanceof org.nnx.ir.Cell.Plain p) {
      return "plain: " + p.description();
    }
    return c.toString();
  }

  /** What an op computes, in one short phrase, e.g. {@code conv2d 3x3/2 pad 1, 64 -> 128, no bias}. */
  public static String describe(Op op) {
    return op.accept(new Op.Visitor<>() {
      @Override
      public String input(Op.Input o) {
        return "input";
      }

      @Override
      public String dense(Op.Dense o) {
        return "dense " + o.in() + " -> " + o.out() + (o.bias() ? "" : ", no bias");
      }

      @Override
      public String conv2d(Op.Conv2d o) {
        return "conv2d " + o.kernel() + "x" + o.kernel() + "/" + o.stride() + (o.padding() > 0 ? " pad " + o.padding()
            : "") + ", " + o.in() + " -> " + o.out() + (o.groups() > 1 ? ", groups " + o.groups() : "")
            + (o.bias() ? "" : ", no bias");
      }

      @Override
      public String batchNorm(Op.BatchNorm o) {
        return "batch_norm " + o.channels();
      }

      @Override
      public String act(Op.Act o) {
        return o.function().keyword();
      }

      @Override
      public String pool(Op.Pool o) {
        return (o.max() ? "max_pool " : "avg_pool ") + o.kernel() + "x" + o.kernel() + "/" + o.stride()
            + (o.padding() > 0 ? " pad " + o.padding() : "");
      }

      @Override
      public String globalAvgPool(Op.GlobalAvgPool o) {
        return "global_avg_pool";
      }

      @Override
      public String flatten(Op.Flatten o) {
        return "flatten";
      }

      @Override
      public String scale(Op.Scale o) {
        return "scale " + Format.number(o.factor());
      }

      @Override
      public String add(Op.Add o) {
        return "add";
      }

      @Override
      public String concat(Op.Concat o) {
        return "concat";
      }

      @Override
      public String gather(Op.Gather o) {
        return "gather " + o.indices().length;
      }
    });
  }
}
