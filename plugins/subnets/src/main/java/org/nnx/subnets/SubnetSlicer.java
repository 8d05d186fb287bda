package org.nnx.subnets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Tensor;

/**
 * Cuts a subnet out of a network: for per-group widths, the physically smaller network (each layer
 * with fewer input and output channels) and its weights, sliced from the full network's arrays.
 * Group g of width w keeps the channels {@code order[g][0..w-1]}, in that order, so every subnet's
 * channels are a prefix of every wider one's. The slice keeps every node, name and id of the full
 * network; it carries no cell topology (the NN-Mass metrics' description of the full network's
 * blocks does not describe a non-uniform slice).
 */
public final class SubnetSlicer {

  private final ChannelGroups groups;
  private final int[][] order;

  /**
   * @param groups the full network's groups
   * @param order per group, its channels in the order subnets keep them (a permutation of 0..C-1)
   * @throws IllegalArgumentException if an order is not a permutation of its group's channels
   */
  public SubnetSlicer(ChannelGroups groups, int[][] order) {
    if (order.length != groups.groups().size()) {
      throw new IllegalArgumentException("need an order per group: " + groups.groups().size() + ", got " + order.length);
    }
    for (ChannelGroups.Group g : groups.groups()) {
      boolean[] seen = new boolean[g.channels()];
      if (order[g.index()].length != g.channels()) {
        throw new IllegalArgumentException("group " + g.index() + " has " + g.channels() + " channels, its order "
            + order[g.index()].length);
      }
      for (int c : order[g.index()]) {
        if (c < 0 || c >= g.channels() || seen[c]) {
          throw new IllegalArgumentException("the order of group " + g.index() + " is not a permutation");
        }
        seen[c] = true;
      }
    }
    this.groups = groups;
    this.order = order.clone();
  }

  /** A slicer that keeps each group's first channels (slimmable networks' order). */
  public static SubnetSlicer inIndexOrder(ChannelGroups groups) {
    int[][] order = new int[groups.groups().size()][];
    for (ChannelGroups.Group g : groups.groups()) {
      order[g.index()] = java.util.stream.IntStream.range(0, g.channels()).toArray();
    }
    return new SubnetSlicer(groups, order);
  }

  /** The groups it slices. */
  public ChannelGroups groups() {
    return groups;
  }

  /**
   * The subnet of {@code widths} as a network.
   *
   * @param widths one per group, in 1..channels; fixed groups at their full width
   * @throws IllegalArgumentException if a width is out of range
   */
  public Network network(int[] widths) {
    check(widths);
    Network full = groups.network();
    NetworkBuilder b = new NetworkBuilder(full.family(), full.input());
    for (Node node : full.nodes().subList(1, full.nodes().size())) {
      int in = node.inputs().isEmpty() ? 0 : kept(node.inputs().get(0), widths).length;
      Op op = node.op();
      Op sliced;
      if (op instanceof Op.Dense d) {
        sliced = new Op.Dense(in, widths[groups.groupOf(node.id())], d.bias());
      } else if (op instanceof Op.Conv2d c && c.groups() == 1) {
        sliced = new Op.Conv2d(in, widths[groups.groupOf(node.id())], c.kernel(), c.stride(), c.padding(), 1, c.bias());
      } else if (op instanceof Op.Conv2d c) {
        sliced = new Op.Conv2d(in, in, c.kernel(), c.stride(), c.padding(), in, c.bias());
      } else if (op instanceof Op.BatchNorm) {
        sliced = new Op.BatchNorm(in);
      } else {
        sliced = op;
      }
      b.add(node.name(), sliced, node.inputs().stream().mapToInt(Integer::intValue).toArray());
    }
    return b.build();
  }

  /**
   * The subnet's weights: each array of {@code full} restricted to the kept output channels (rows)
   * and the kept input channels or features (columns), in kept order.
   *
   * @param widths as for {@link #network}
   * @param full weights of the full network
   */
  public NetworkWeights weights(int[] widths, NetworkWeights full) {
    check(widths);
    NetworkWeights.Builder out = NetworkWeights.builder();
    for (Node node : groups.network().nodes()) {
      Map<String, Tensor> tensors = full.tensors(node.id());
      if (tensors.isEmpty()) {
        continue;
      }
      int[] in = node.inputs().isEmpty() ? new int[0] : kept(node.inputs().get(0), widths);
      if (node.op() instanceof Op.BatchNorm) {
        tensors.forEach((name, t) -> out.put(node.id(), name, new int[] {in.length}, pick(t.values(), in, 1)));
        continue;
      }
      boolean depthwise = node.op() instanceof Op.Conv2d c && c.groups() > 1;
      int[] rows = depthwise ? in : outputRows(node.id(), widths);
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        Tensor t = e.getValue();
        int[] shape = t.shape();
        if (e.getKey().equals(NetworkWeights.BIAS)) {
          out.put(node.id(), e.getKey(), new int[] {rows.length}, pick(t.values(), rows, 1));
          continue;
        }
        int[] columns = depthwise ? new int[] {0} : in;
        int perColumn = 1;
        for (int d = 2; d < shape.length; d++) {
          perColumn *= shape[d];
        }
        float[] v = new float[rows.length * columns.length * perColumn];
        int k = 0;
        for (int r : rows) {
          for (int c : columns) {
            System.arraycopy(t.values(), (r * shape[1] + c) * perColumn, v, k, perColumn);
            k += perColumn;
          }
        }
        int[] sliced = shape.clone();
        sliced[0] = rows.length;
        sliced[1] = columns.length;
        out.put(node.id(), e.getKey(), sliced, v);
      }
    }
    return out.build();
  }

  /**
   * The full network's weights with every removed channel silenced instead of cut: the rows (and
   * biases) of removed output channels and the scale and shift of batch norms over removed channels
   * are 0. With activations that keep 0 at 0 (relu, tanh, ...), the masked network in evaluation mode
   * computes exactly what the slice computes.
   *
   * @param widths as for {@link #network}
   * @param full weights of the full network
   */
  public NetworkWeights masked(int[] widths, NetworkWeights full) {
    check(widths);
    NetworkWeights.Builder out = NetworkWeights.builder().putAll(full);
    for (Node node : groups.network().nodes()) {
      Map<String, Tensor> tensors = full.tensors(node.id());
      if (tensors.isEmpty()) {
        continue;
      }
      // batch norms and depthwise convolutions act on their input's channels; other layers own theirs
      boolean[] keep = node.op() instanceof Op.BatchNorm || node.op() instanceof Op.Conv2d c && c.groups() > 1
          ? mask(kept(node.inputs().get(0), widths), node.inputShapes().get(0).channels())
          : mask(outputRows(node.id(), widths), node.output().channels());
      for (String name : List.of(NetworkWeights.WEIGHT, NetworkWeights.BIAS)) {
        Tensor t = tensors.get(name);
        if (t == null) {
          continue;
        }
        float[] v = t.values().clone();
        int per = v.length / keep.length;
        for (int r = 0; r < keep.length; r++) {
          if (!keep[r]) {
            java.util.Arrays.fill(v, r * per, (r + 1) * per, 0f);
          }
        }
        out.put(node.id(), name, t.shape(), v);
      }
    }
    return out.build();
  }

  /**
   * The indices, into node {@code id}'s output (channels of a feature map, or values of a vector),
   * that the subnet of {@code widths} keeps, in the subnet's order.
   */
  public int[] kept(int id, int[] widths) {
    List<Integer> out = new ArrayList<>();
    int offset = 0;
    for (ChannelGroups.Segment s : groups.layout(id)) {
      int width = widths[s.group()];
      for (int j = 0; j < width; j++) {
        int c = order[s.group()][j];
        for (int t = 0; t < s.perChannel(); t++) {
          out.add(offset + c * s.perChannel() + t);
        }
      }
      offset += s.channels() * s.perChannel();
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private int[] outputRows(int id, int[] widths) {
    int g = groups.groupOf(id);
    return java.util.Arrays.copyOf(order[g], widths[g]);
  }

  private static boolean[] mask(int[] kept, int size) {
    boolean[] keep = new boolean[size];
    for (int k : kept) {
      keep[k] = true;
    }
    return keep;
  }

  private static float[] pick(float[] values, int[] rows, int per) {
    float[] v = new float[rows.length * per];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(values, rows[i] * per, v, i * per, per);
    }
    return v;
  }

  private void check(int[] widths) {
    if (widths.length != groups.groups().size()) {
      throw new IllegalArgumentException("need a width per group: " + groups.groups().size() + ", got "
          + widths.length);
    }
    for (ChannelGroups.Group g : groups.groups()) {
      int w = widths[g.index()];
      if (g.fixed() ? w != g.channels() : w < 1 || w > g.channels()) {
        throw new IllegalArgumentException("group " + g.index() + (g.fixed() ? " is fixed at " + g.channels()
            : " takes a width in 1.." + g.channels()) + ", got " + w);
      }
    }
  }
}
