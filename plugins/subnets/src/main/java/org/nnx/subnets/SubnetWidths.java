package org.nnx.subnets;

import java.util.ArrayList;
import java.util.List;

/**
 * The widths of k nested subnets for FLOPs targets. A target t in (0, 1] asks for a subnet of at most
 * t times the full network's FLOPs ({@link org.nnx.ir.Network#flops()}); targets must increase, and
 * the widths come smallest subnet first, each at most the next one's in every group (nested).
 *
 * <ul>
 *   <li>{@link #nonUniform}: starting from the full network, remove one channel at a time, always the
 *       remaining channel of least {@linkplain ChannelImportance#normalized normalized importance}
 *       over all groups (each group keeps at least one channel), and take the widths at which the
 *       FLOPs first reach each target, from the largest target down (Yang et al., DAC 2020, Section
 *       3.2). Layers end at different ratios of their full width.
 *   <li>{@link #uniform}: one width ratio r for every group (slimmable networks; Yu et al., ICLR
 *       2019), width {@code max(1, round(r C))}, r the largest ratio (to 1e-9) within the target.
 * </ul>
 */
public final class SubnetWidths {

  private SubnetWidths() {}

  /**
   * Non-uniform nested widths by channel importance.
   *
   * @param importance the channels' importance in the full network
   * @param targets FLOPs fractions, increasing, each in (0, 1]
   * @return one width per group for each target, smallest first
   * @throws IllegalArgumentException if the targets are invalid or a target is below the FLOPs of the
   *     network with one channel per group
   */
  public static List<int[]> nonUniform(ChannelImportance importance, double[] targets) {
    check(targets);
    ChannelGroups groups = importance.groups();
    SubnetSlicer slicer = SubnetSlicer.inIndexOrder(groups);
    int[][] order = importance.order();
    double full = groups.network().flops();
    int[] widths = groups.fullWidths();
    List<int[]> out = new ArrayList<>();
    for (int t = targets.length - 1; t >= 0; t--) {
      while (slicer.network(widths).flops() > targets[t] * full) {
        int group = -1;
        double least = Double.POSITIVE_INFINITY;
        for (ChannelGroups.Group g : groups.groups()) {
          int w = widths[g.index()];
          if (g.fixed() || w == 1) {
            continue;
          }
          double next = importance.normalized(g.index(), order[g.index()][w - 1]);
          if (next < least) {
            least = next;
            group = g.index();
          }
        }
        if (group < 0) {
          throw new IllegalArgumentException(tooSmall(targets[t], slicer, groups));
        }
        widths[group]--;
      }
      out.add(0, widths.clone());
    }
    return out;
  }

  /**
   * Uniform nested widths: one ratio in every group.
   *
   * @param groups the full network's groups
   * @param targets FLOPs fractions, increasing, each in (0, 1]
   * @return one width per group for each target, smallest first
   * @throws IllegalArgumentException as {@link #nonUniform} does
   */
  public static List<int[]> uniform(ChannelGroups groups, double[] targets) {
    check(targets);
    SubnetSlicer slicer = SubnetSlicer.inIndexOrder(groups);
    double full = groups.network().flops();
    List<int[]> out = new ArrayList<>();
    for (double target : targets) {
      if (slicer.network(scaled(groups, 0)).flops() > target * full) {
        throw new IllegalArgumentException(tooSmall(target, slicer, groups));
      }
      double lo = 0;
      double hi = 1;
      if (slicer.network(scaled(groups, 1)).flops() <= target * full) {
        lo = 1;
      }
      // the FLOPs grow with the ratio, so bisection finds the largest ratio within the target
      while (hi - lo > 1e-9 && lo < 1) {
        double mid = (lo + hi) / 2;
        if (slicer.network(scaled(groups, mid)).flops() <= target * full) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      out.add(scaled(groups, lo));
    }
    return out;
  }

  /** Widths {@code max(1, round(ratio C))} of every removable group; fixed groups keep theirs. */
  public static int[] scaled(ChannelGroups groups, double ratio) {
    int[] widths = groups.fullWidths();
    for (ChannelGroups.Group g : groups.groups()) {
      if (!g.fixed()) {
        widths[g.index()] = (int) Math.max(1, Math.min(g.channels(), Math.round(ratio * g.channels())));
      }
    }
    return widths;
  }

  private static void check(double[] targets) {
    if (targets.length < 1) {
      throw new IllegalArgumentException("need at least one FLOPs target");
    }
    for (int i = 0; i < targets.length; i++) {
      if (!(targets[i] > 0 && targets[i] <= 1)) {
        throw new IllegalArgumentException("FLOPs target " + targets[i] + " is outside (0, 1]");
      }
      if (i > 0 && targets[i] <= targets[i - 1]) {
        throw new IllegalArgumentException("FLOPs targets must increase: " + targets[i - 1] + " then " + targets[i]);
      }
    }
  }

  private static String tooSmall(double target, SubnetSlicer slicer, ChannelGroups groups) {
    double least = (double) slicer.network(scaled(groups, 0)).flops() / groups.network().flops();
    return String.format(java.util.Locale.ROOT, "FLOPs target %s is below %.4f, the FLOPs of the network with one"
        + " channel per layer", target, least);
  }
}
