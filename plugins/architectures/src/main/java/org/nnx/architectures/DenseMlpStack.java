package org.nnx.architectures;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nnx.ir.Activation;
import org.nnx.ir.Cell;
import org.nnx.ir.LongRangeLinks;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * Builds a stack of DenseNet-type MLP cells: the network of {@code dense_mlp} (one cell) and of
 * {@code cells} (several).
 *
 * <p>The layout of one cell follows the NN-Mass authors' {@code Dense_MLP} ({@code model_zoo.py}
 * of SLDGroup/NN_Mass; Bhardwaj, Li, Marculescu, CVPR 2021). With {@code out_i} the output of
 * layer {@code i} and {@code act} the activation:
 *
 * <ul>
 *   <li>layer 0: {@code out_0 = act(W_0 x + b_0)}, a linear layer from the cell input to {@code
 *       width} units whose output is activated (their {@code out0});
 *   <li>layer 1: {@code out_1 = W_1 out_0 + b_1};
 *   <li>layer {@code i >= 2}: {@code out_i = W_i act(concat(out_{i-1}, gather(out_0..out_{i-2})))
 *       + b_i}, where the gather takes the {@code t_i = min(tc, (i-1)*width)} sampled long-range
 *       units ({@link LongRangeLinks}); with {@code t_i = 0} the input is {@code out_{i-1}} alone.
 * </ul>
 *
 * <p>The classifier is the last layer of the last cell: it has {@code classes} outputs, takes
 * long-range links like any other layer, and its input is <em>not</em> activated (the authors
 * apply the activation only for layers before the last one: {@code if layer_idx <
 * self.net_depth-3}). Units of layer 0 are already activated when other layers gather them, and
 * the activation is applied again to the concatenation, exactly as in the authors' forward pass
 * (idempotent for {@code relu}). Their {@code BatchNorm1d} modules are never used in the forward
 * pass and are not part of their parameter count, so they are not built here.
 *
 * <p>Several cells: cell {@code c > 0} takes the last output of cell {@code c-1} (a linear output
 * of {@code width_{c-1}} units), activated, as the input of its layer 0. Long-range links never
 * cross cells. With one cell the network is exactly {@code dense_mlp}'s.
 *
 * <p>Node names are {@code cellC.layerI.KIND} (0-based), e.g. {@code cell0.layer3.gather}. Links
 * are drawn from one {@link SplittableRandom} seeded with the build seed, cell by cell and layer by
 * layer, so the same seed gives the same network.
 */
final class DenseMlpStack {

  /**
   * One cell of the stack.
   *
   * @param width units per layer (the classifier's output is {@code classes} instead)
   * @param depth linear layers in the cell, at least 3 (the classifier counts in the last cell)
   * @param tc the requested long-range links per layer
   */
  record CellSpec(int width, int depth, int tc) {}

  private DenseMlpStack() {}

  /**
   * Builds the stack.
   *
   * @param family the family name stored in the network
   * @param inputs input features, at least 1
   * @param classes output classes, at least 2
   * @param cells the cells, at least one
   * @param act the activation
   * @param seed the seed of the link sampling
   */
  static Network build(String family, int inputs, int classes, List<CellSpec> cells, Activation act, long seed) {
    if (cells.isEmpty()) {
      throw new IllegalArgumentException(family + ": at least one cell is needed");
    }
    NetworkBuilder b = new NetworkBuilder(family, TensorShape.vector(inputs));
    SplittableRandom random = new SplittableRandom(seed);
    int previous = 0; // the input node
    for (int c = 0; c < cells.size(); c++) {
      CellSpec cell = cells.get(c);
      if (cell.depth() < 3 || cell.width() < 1 || cell.tc() < 0) {
        throw new IllegalArgumentException(family + ": invalid cell " + cell);
      }
      boolean lastCell = c == cells.size() - 1;
      int width = cell.width();
      int depth = cell.depth();
      int[] links = LongRangeLinks.longRange(depth, width, cell.tc());
      int[] out = new int[depth];
      String p = "cell" + c + ".layer";

      int in0 = c == 0 ? previous : b.add(p + "0.act_in", new Op.Act(act), previous);
      int dense0 = b.add(p + "0.dense", new Op.Dense(size(b, in0), width, true), in0);
      out[0] = b.add(p + "0.act", new Op.Act(act), dense0);
      out[1] = b.add(p + "1.dense", new Op.Dense(width, width, true), out[0]);
      for (int i = 2; i < depth; i++) {
        boolean classifier = lastCell && i == depth - 1;
        int x = out[i - 1];
        if (links[i] > 0) {
          int[] earlier = Arrays.copyOf(out, i - 1);
          int[] indices = LongRangeLinks.sample(random, Math.toIntExact(LongRangeLinks.candidates(i, width)), links[i]);
          int gather = b.add(p + i + ".gather", new Op.Gather(indices), earlier);
          x = b.add(p + i + ".concat", new Op.Concat(), out[i - 1], gather);
        }
        if (!classifier) {
          x = b.add(p + i + ".act", new Op.Act(act), x);
        }
        out[i] = b.add(p + i + ".dense", new Op.Dense(width + links[i], classifier ? classes : width, true), x);
      }
      b.cell(new Cell.Dense(width, depth, cell.tc(), links));
      previous = out[depth - 1];
    }
    return b.build();
  }

  private static int size(NetworkBuilder b, int node) {
    return Math.toIntExact(b.shape(node).size());
  }
}
