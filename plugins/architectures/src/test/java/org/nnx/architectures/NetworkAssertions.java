package org.nnx.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;

/** Shared checks on built networks. */
public final class NetworkAssertions {

  private NetworkAssertions() {}

  /** The network's {@link Cell.Dense} cells, in order. */
  public static List<Cell.Dense> denseCells(Network network) {
    return network.cells().stream().filter(c -> c instanceof Cell.Dense).map(c -> (Cell.Dense) c).toList();
  }

  /** The gather nodes, in order. */
  public static List<Node> gathers(Network network) {
    return network.nodes().stream().filter(n -> n.op() instanceof Op.Gather).toList();
  }

  /** The sampled indices of every gather, in order. */
  public static List<int[]> links(Network network) {
    return gathers(network).stream().map(n -> ((Op.Gather) n.op()).indices()).toList();
  }

  /**
   * Checks the structural invariants every built network must satisfy: ids are positions, inputs
   * come earlier, recorded input shapes match, names are unique, gather indices are distinct,
   * ascending and in range.
   */
  public static void assertWellFormed(Network network) {
    List<Node> nodes = network.nodes();
    assertThat(nodes.stream().map(Node::name).distinct().count()).as("unique names").isEqualTo(nodes.size());
    for (int k = 0; k < nodes.size(); k++) {
      Node n = nodes.get(k);
      assertThat(n.id()).isEqualTo(k);
      for (int j = 0; j < n.inputs().size(); j++) {
        int in = n.inputs().get(j);
        assertThat(in).as(n.name() + " input").isLessThan(k);
        assertThat(n.inputShapes().get(j)).isEqualTo(nodes.get(in).output());
      }
      if (n.op() instanceof Op.Gather g) {
        long candidates = n.inputShapes().stream().mapToLong(s -> s.channels()).sum();
        int[] idx = g.indices();
        assertThat(idx).as(n.name()).isNotEmpty();
        for (int j = 0; j < idx.length; j++) {
          assertThat(idx[j]).as(n.name()).isBetween(0, (int) candidates - 1);
          if (j > 0) {
            assertThat(idx[j]).as(n.name() + " ascending, distinct").isGreaterThan(idx[j - 1]);
          }
        }
      }
    }
  }
}
