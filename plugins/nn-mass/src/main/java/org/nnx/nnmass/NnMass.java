package org.nnx.nnmass;

import java.util.ArrayList;
import java.util.List;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;

/**
 * The NN-Mass formulas, in one place: Bhardwaj, Li, Marculescu, "How does topology influence
 * gradient propagation and model performance of deep networks with DenseNet-type skip
 * connections?", CVPR 2021, as computed by the authors' {@code model_zoo.py} (SLDGroup/NN_Mass).
 *
 * <p>NN-Mass of a network is the sum of the contributions of its {@link Network#cells()}, in
 * order (a sum of doubles, in the authors' order, so the values equal theirs bit for bit where
 * their code defines them):
 *
 * <ul>
 *   <li>{@link Cell.Dense} (DenseNet-type cell of {@code depth} layers of {@code width} units,
 *       layer {@code i} taking {@code t_i} long-range links out of {@code (i-1)*width} candidates):
 *       {@code density * width * depth} with {@code density = sum_i t_i / sum_{i >= 2} (i-1)*width}
 *       (paper eq. for NN-Mass and NN-Density; their {@code analyze_topology} and {@code
 *       add_link}).
 *   <li>{@link Cell.BasicBlock}: {@code inplanes + planes} (their {@code BasicBlock.nn_mass}).
 *   <li>{@link Cell.Bottleneck} with inner width {@code w}: {@code (inplanes + 2w) * inplanes /
 *       (2 inplanes + w)} (their {@code Bottleneck.nn_mass}).
 *   <li>{@link Cell.InvertedResidual} with an identity shortcut: {@code (in + 2 hidden) * in / (2
 *       in + hidden)}; without one, 0 (their {@code InvertedResidual.nn_mass}).
 *   <li>{@link Cell.Plain} (stems, heads, transitions): 0.
 * </ul>
 *
 * <p>As in the authors' code, the residual formulas are applied to every block, including those
 * with a projection shortcut.
 */
public final class NnMass {

  private NnMass() {}

  /**
   * NN-Density of a DenseNet-type cell: the links its layers take over the links they could take,
   * {@code sum_{i=2}^{depth-1} t_i / sum_{i=2}^{depth-1} (i-1)*width}, in [0, 1].
   *
   * @param cell the cell; its {@code longRange} holds the links {@code t_i} each layer takes
   * @return the density, from 0 (no links) to 1 (every candidate linked)
   * @throws IllegalArgumentException if {@code longRange} does not have {@code depth} entries or
   *     the cell has no candidate links ({@code depth < 3})
   */
  public static double density(Cell.Dense cell) {
    int[] t = cell.longRange();
    if (t.length != cell.depth()) {
      throw new IllegalArgumentException(
          "dense cell of depth " + cell.depth() + " lists " + t.length + " long-range counts");
    }
    long taken = 0;
    long possible = 0;
    for (int i = 2; i < cell.depth(); i++) {
      taken += t[i];
      possible += (long) (i - 1) * cell.width();
    }
    if (possible == 0) {
      throw new IllegalArgumentException("dense cell of depth " + cell.depth() + " has no candidate long-range links");
    }
    return (double) taken / possible;
  }

  /**
   * NN-Mass of a DenseNet-type cell: {@code density * width * depth}.
   *
   * @param cell the cell
   * @return {@code density(cell) * width * depth}, at least 0
   */
  public static double dense(Cell.Dense cell) {
    return density(cell) * cell.width() * cell.depth();
  }

  /**
   * NN-Mass of a ResNet basic block: {@code inplanes + planes}.
   *
   * @param inplanes the block's input channels
   * @param planes the channels of its two 3x3 convolutions (its output channels)
   * @return {@code inplanes + planes}
   */
  public static double basicBlock(int inplanes, int planes) {
    return (double) inplanes + planes;
  }

  /**
   * NN-Mass of a ResNet bottleneck: {@code (inplanes + 2w) * inplanes / (2 inplanes + w)}.
   *
   * @param inplanes the block's input channels
   * @param w the inner width, {@code floor(planes * width_per_group / 64) * groups}
   * @return the block's NN-Mass
   */
  public static double bottleneck(int inplanes, int w) {
    return (double) ((long) (inplanes + 2L * w) * inplanes) / (2L * inplanes + w);
  }

  /**
   * NN-Mass of an inverted residual with an identity shortcut: {@code (in + 2 hidden) * in / (2 in
   * + hidden)}.
   *
   * @param in the block's input (and output) channels
   * @param hidden the expanded channels, {@code round(in * expansion)}
   * @return the block's NN-Mass
   */
  public static double invertedResidual(int in, int hidden) {
    return (double) ((in + 2L * hidden) * in) / (2L * in + hidden);
  }

  /**
   * The NN-Mass contribution of one cell or block (see the class comment).
   *
   * @param cell any cell
   * @return its contribution, 0 for plain layers and inverted residuals without identity shortcut
   */
  public static double of(Cell cell) {
    if (cell instanceof Cell.Dense d) {
      return dense(d);
    }
    if (cell instanceof Cell.BasicBlock b) {
      return basicBlock(b.inplanes(), b.planes());
    }
    if (cell instanceof Cell.Bottleneck b) {
      return bottleneck(b.inplanes(), b.innerWidth());
    }
    if (cell instanceof Cell.InvertedResidual r) {
      return r.identity() ? invertedResidual(r.in(), r.hidden()) : 0.0;
    }
    return 0.0; // Cell.Plain
  }

  /**
   * NN-Mass of a network: the sum of {@link #of(Cell)} over its cells, in order.
   *
   * @param network the network
   * @return its NN-Mass, at least 0
   */
  public static double of(Network network) {
    double sum = 0.0;
    for (Cell cell : network.cells()) {
      sum += of(cell);
    }
    return sum;
  }

  /**
   * The NN-Density of each {@link Cell.Dense} cell of {@code network}, in order.
   *
   * @param network the network
   * @return one density per dense cell; empty if the network has none
   */
  public static List<Double> densities(Network network) {
    List<Double> out = new ArrayList<>();
    for (Cell cell : network.cells()) {
      if (cell instanceof Cell.Dense d) {
        out.add(density(d));
      }
    }
    return out;
  }

  /**
   * NN-Density of a network: the mean of {@link #densities} over its DenseNet-type cells. A network
   * without such cells (ResNets, MobileNets) has no DenseNet-type long-range links, and the
   * authors define density only for DenseNet-type cells; its NN-Density is defined as 0 (no
   * long-range links) rather than left undefined, so tables never hold NaN.
   *
   * @param network the network
   * @return the mean density in [0, 1]; 0 without dense cells
   */
  public static double meanDensity(Network network) {
    List<Double> d = densities(network);
    if (d.isEmpty()) {
      return 0.0;
    }
    double sum = 0.0;
    for (double x : d) {
      sum += x;
    }
    return sum / d.size();
  }
}
