package org.nnx.nndegree;

import java.util.ArrayList;
import java.util.List;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;

/**
 * The NN-Degree formula, in one place. NN-Degree is the topology metric of FLASH (G. Li, S. K.
 * Mandal, U. Y. Ogras, R. Marculescu, "FLASH: Fast Neural Architecture Search with Hardware
 * Optimization", ACM TECS 20(5s), 2021): the average number of incoming links per unit of the
 * DenseNet-type cells of a network. The paper's text was not available to us; this is the
 * average-degree definition the paper names, written out as follows.
 *
 * <h2>Definition</h2>
 *
 * A DenseNet-type cell {@code c} ({@link Cell.Dense}) has {@code d_c} layers of {@code w_c} units,
 * 0-based layer index {@code i}; layer {@code i} takes {@code w_c} short-range inputs (the units of
 * layer {@code i-1}; for layer 0 the cell input, counted as {@code w_c} as well) and layer {@code i
 * >= 2} also takes {@code t_ci = min(t_c, (i-1) w_c)} long-range inputs ({@link
 * Cell.Dense#longRange()}). The average number of incoming links per unit of the cell is
 *
 * <pre>
 *   g_c = w_c + (sum_{i=2}^{d_c-1} t_ci) / d_c
 * </pre>
 *
 * and the NN-Degree of a network is the sum over its dense cells, {@code g = sum_c g_c}. Cells of
 * other kinds (residual blocks, plain layers) have no DenseNet-type long-range links and add 0, so
 * ResNets and MobileNets have NN-Degree 0. The unit is links per unit (dimensionless, at least
 * {@code sum_c w_c} for a network with dense cells).
 *
 * <p>When {@code t_c <= w_c}, every layer {@code i >= 2} takes exactly {@code t_c} links (it has
 * {@code (i-1) w_c >= w_c >= t_c} candidates), so {@code g_c = w_c + (d_c - 2) t_c / d_c}.
 *
 * <h2>Relation to NN-Mass</h2>
 *
 * NN-Mass (Bhardwaj, Li, Marculescu, CVPR 2021) of the same cell is {@code m_c = rho_c w_c d_c},
 * with the NN-Density {@code rho_c = T_c / P_c}, {@code T_c = sum_{i>=2} t_ci} the links taken and
 * {@code P_c = sum_{i=2}^{d_c-1} (i-1) w_c = w_c (d_c-1)(d_c-2)/2} the links possible. Both metrics
 * are affine in the links taken {@code T_c}: {@code T_c = m_c (d_c-1)(d_c-2) / (2 d_c)}, hence
 *
 * <pre>
 *   g_c = w_c + m_c (d_c-1)(d_c-2) / (2 d_c^2) = w_c (1 + rho_c (d_c-1)(d_c-2) / (2 d_c)).
 * </pre>
 *
 * For a fixed cell shape {@code (w_c, d_c)} NN-Degree and NN-Mass therefore rank cells identically;
 * across shapes they differ: NN-Mass grows with depth for a fixed density, while NN-Degree counts
 * the width (the short-range fan-in) in full and the long-range links averaged over the layers.
 */
public final class NnDegree {

  private NnDegree() {}

  /**
   * The average number of incoming links per unit of a DenseNet-type cell, {@code g_c = w_c +
   * (sum_{i=2}^{d_c-1} t_ci) / d_c} (see the class comment).
   *
   * @param cell the cell; {@code longRange()[i]} is the number of long-range links {@code t_ci}
   *     layer {@code i} takes
   * @return {@code g_c} in links per unit, at least {@code w_c}
   * @throws IllegalArgumentException if {@code longRange} does not have {@code depth} entries, the
   *     depth is below 1, or a layer {@code i >= 2} lists a negative count or more than its {@code
   *     (i-1) w_c} candidates, or layers 0 and 1 list links (they have no candidates)
   */
  public static double cell(Cell.Dense cell) {
    int[] t = cell.longRange();
    if (cell.depth() < 1 || t.length != cell.depth()) {
      throw new IllegalArgumentException(
          "dense cell of depth " + cell.depth() + " lists " + t.length + " long-range counts");
    }
    long taken = 0;
    for (int i = 0; i < t.length; i++) {
      long candidates = i < 2 ? 0 : (long) (i - 1) * cell.width();
      if (t[i] < 0 || t[i] > candidates) {
        throw new IllegalArgumentException("layer " + i + " of a dense cell of width " + cell.width()
            + " takes " + t[i] + " long-range links out of " + candidates + " candidates");
      }
      taken += t[i];
    }
    return cell.width() + (double) taken / cell.depth();
  }

  /**
   * The closed form of {@link #cell} for a cell whose every layer {@code i >= 2} takes {@code t}
   * links, which is the case exactly when {@code t <= width}: {@code width + (depth - 2) t /
   * depth}.
   *
   * @param width units per layer, at least 1
   * @param depth layers, at least 2
   * @param t links per layer, in {@code [0, width]}
   * @return {@code width + (depth - 2) * t / depth} in links per unit
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static double closedForm(int width, int depth, int t) {
    if (width < 1 || depth < 2 || t < 0 || t > width) {
      throw new IllegalArgumentException(
          "the closed form needs width >= 1, depth >= 2, 0 <= t <= width; got " + width + ", " + depth + ", " + t);
    }
    return width + (double) (depth - 2) * t / depth;
  }

  /**
   * {@code g_c} of every DenseNet-type cell of {@code network}, in order.
   *
   * @param network the network
   * @return one value per {@link Cell.Dense} cell, in links per unit; empty when there is none
   */
  public static List<Double> cells(Network network) {
    List<Double> out = new ArrayList<>();
    for (Cell c : network.cells()) {
      if (c instanceof Cell.Dense d) {
        out.add(cell(d));
      }
    }
    return out;
  }

  /**
   * NN-Degree of a network: {@code sum_c g_c} over its DenseNet-type cells, summed in order.
   *
   * @param network the network
   * @return NN-Degree in links per unit; 0 for a network without dense cells
   */
  public static double of(Network network) {
    double sum = 0.0;
    for (double g : cells(network)) {
      sum += g;
    }
    return sum;
  }
}
