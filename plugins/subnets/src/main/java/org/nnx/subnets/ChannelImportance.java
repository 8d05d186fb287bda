package org.nnx.subnets;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.model.NetworkWeights;

/**
 * How important each channel of a network is: the norm of its group-lasso group, the weights that
 * produce it. For channel i of a group with producers p (layers whose outputs meet in an addition
 * share the channel), the importance is {@code sqrt(sum_p ||W_p[i]||^2)}, where {@code W_p[i]} is
 * the i-th output row of dense layer p ({@code [out, in]}) or the i-th filter of convolution p
 * ({@code [out, in, k, k]}); biases do not count. After training with the penalty {@code λ Σ_l Σ_i
 * ||W_l,i||₂} (Yang et al., DAC 2020, Section 3.1) unimportant groups shrink toward zero.
 *
 * <p>Layers differ in scale (fan-in, initialization, the batch norm after them), so raw norms of
 * different groups are not comparable. {@link #normalized} divides each group's norms by their root
 * mean square over the group's channels, so that a channel's normalized importance says how it
 * compares with the other channels of its own layer; a layer whose importance is concentrated in a
 * few channels then loses more channels than one whose channels matter equally. This is the
 * normalization nnx chose; the paper gives none.
 */
public final class ChannelImportance {

  private final ChannelGroups groups;
  private final double[][] norms;

  private ChannelImportance(ChannelGroups groups, double[][] norms) {
    this.groups = groups;
    this.norms = norms;
  }

  /**
   * The group norms of {@code weights}.
   *
   * @param weights weights of {@code groups.network()}
   * @throws IllegalArgumentException if a producer has no weight
   */
  public static ChannelImportance of(ChannelGroups groups, NetworkWeights weights) {
    double[][] squares = new double[groups.groups().size()][];
    for (ChannelGroups.Group g : groups.groups()) {
      squares[g.index()] = new double[g.channels()];
      for (int id : g.producers()) {
        Node node = groups.network().nodes().get(id);
        float[] w = weights.get(id, NetworkWeights.WEIGHT).values();
        int rows = node.op() instanceof Op.Dense d ? d.out() : ((Op.Conv2d) node.op()).out();
        int perRow = w.length / rows;
        for (int i = 0; i < rows; i++) {
          double sum = 0;
          for (int j = i * perRow; j < (i + 1) * perRow; j++) {
            sum += (double) w[j] * w[j];
          }
          squares[g.index()][i] += sum;
        }
      }
    }
    double[][] norms = new double[squares.length][];
    for (int g = 0; g < squares.length; g++) {
      norms[g] = Arrays.stream(squares[g]).map(Math::sqrt).toArray();
    }
    return new ChannelImportance(groups, norms);
  }

  /** The groups the importance is of. */
  public ChannelGroups groups() {
    return groups;
  }

  /** The group norm of channel {@code channel} of group {@code group}, ≥ 0. */
  public double norm(int group, int channel) {
    return norms[group][channel];
  }

  /**
   * The norm of channel {@code channel} of group {@code group} divided by the root mean square of
   * the group's norms (1 on average over the group; 0 when every norm of the group is 0).
   */
  public double normalized(int group, int channel) {
    double rms = Math.sqrt(Arrays.stream(norms[group]).map(x -> x * x).average().orElse(0));
    return rms == 0 ? 0 : norms[group][channel] / rms;
  }

  /**
   * Each group's channels from the most to the least important (ties by channel index); fixed groups
   * keep their order. A subnet of width w keeps the first w channels of its group's order.
   */
  public int[][] order() {
    int[][] order = new int[norms.length][];
    for (ChannelGroups.Group g : groups.groups()) {
      double[] n = norms[g.index()];
      order[g.index()] = g.fixed() ? IntStream.range(0, n.length).toArray()
          : IntStream.range(0, n.length).boxed()
              .sorted(Comparator.<Integer>comparingDouble(i -> -n[i]).thenComparingInt(i -> i))
              .mapToInt(Integer::intValue).toArray();
    }
    return order;
  }
}
