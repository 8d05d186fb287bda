package org.nnx.subnets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;

/**
 * The output channels of a network that can be removed together. Every dense and convolution layer
 * produces channels; channels that meet in an addition (a residual block's two branches) must be
 * removed together, so their producers share one {@link Group} and one index set. Batch norms,
 * activations, pooling, scaling and depthwise convolutions pass channels through; concatenations
 * and flattening rearrange them, which {@link #layout} records per node. The network's input
 * channels and the channels of the last layer (the logits) are fixed.
 *
 * <p>Long-range gathers (DenseNet-type links pick single channels of earlier layers) and grouped
 * convolutions other than depthwise ones are not sliceable: {@link #of} refuses networks with them.
 */
public final class ChannelGroups {

  /**
   * A set of channels removed together.
   *
   * @param index the group's position in {@link #groups()}
   * @param channels how many channels it has in the full network
   * @param producers ids of the dense and convolution nodes whose output channels it is, in node order
   * @param fixed whether its channels can not be removed (the input's, the logits')
   */
  public record Group(int index, int channels, List<Integer> producers, boolean fixed) {

    public Group {
      producers = List.copyOf(producers);
    }
  }

  /**
   * A run of consecutive values of a node's output that come from one group: {@code channels}
   * channels of the group, in its order, each covering {@code perChannel} consecutive values (1 for
   * a dense output or a feature map's channel axis; height × width after a flatten).
   *
   * @param group the group's index
   * @param channels channels of the group in this run (all of them)
   * @param perChannel consecutive values per channel
   */
  public record Segment(int group, int channels, int perChannel) {}

  private final Network network;
  private final List<Group> groups;
  private final Map<Integer, List<Segment>> layouts;
  private final int[] groupOfProducer;

  private ChannelGroups(Network network, List<Group> groups, Map<Integer, List<Segment>> layouts,
      int[] groupOfProducer) {
    this.network = network;
    this.groups = List.copyOf(groups);
    this.layouts = layouts;
    this.groupOfProducer = groupOfProducer;
  }

  /**
   * Finds the groups of {@code network}.
   *
   * @throws IllegalArgumentException if the network gathers channels, has a grouped convolution that
   *     is not depthwise, adds tensors whose channels come from differently split sources, or has no
   *     removable channel at all
   */
  public static ChannelGroups of(Network network) {
    List<Node> nodes = network.nodes();
    int n = nodes.size();
    // provisional groups: one per producer and one for the input; merged by additions
    int[] parent = new int[n];
    int[] channels = new int[n];
    boolean[] fixed = new boolean[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    List<List<Segment>> raw = new ArrayList<>();
    for (Node node : nodes) {
      Op op = node.op();
      List<Segment> layout;
      if (op instanceof Op.Input in) {
        channels[node.id()] = in.shape().channels();
        fixed[node.id()] = true;
        layout = List.of(new Segment(node.id(), in.shape().channels(), 1));
      } else if (op instanceof Op.Dense d) {
        channels[node.id()] = d.out();
        layout = List.of(new Segment(node.id(), d.out(), 1));
      } else if (op instanceof Op.Conv2d c && c.groups() == 1) {
        channels[node.id()] = c.out();
        layout = List.of(new Segment(node.id(), c.out(), 1));
      } else if (op instanceof Op.Conv2d c) {
        if (c.groups() != c.in() || c.out() != c.in()) {
          throw new IllegalArgumentException("node " + node.name() + " is a grouped convolution (" + c.groups()
              + " groups of " + c.in() + " channels); only depthwise ones (groups = in = out) can be sliced");
        }
        layout = raw.get(node.inputs().get(0));
      } else if (op instanceof Op.Gather) {
        throw new IllegalArgumentException("node " + node.name() + " gathers single channels of earlier layers"
            + " (long-range links); networks with gathers can not be sliced by channel");
      } else if (op instanceof Op.Concat) {
        List<Segment> all = new ArrayList<>();
        for (int input : node.inputs()) {
          all.addAll(raw.get(input));
        }
        layout = all;
      } else if (op instanceof Op.Flatten) {
        int spatial = node.inputShapes().get(0).height() * node.inputShapes().get(0).width();
        List<Segment> flat = new ArrayList<>();
        for (Segment s : raw.get(node.inputs().get(0))) {
          flat.add(new Segment(s.group(), s.channels(), s.perChannel() * spatial));
        }
        layout = flat;
      } else if (op instanceof Op.Add) {
        layout = raw.get(node.inputs().get(0));
        for (int input : node.inputs().subList(1, node.inputs().size())) {
          List<Segment> other = raw.get(input);
          if (other.size() != layout.size()) {
            throw new IllegalArgumentException("node " + node.name() + " adds tensors whose channels come from"
                + " differently split sources; they can not share one index set");
          }
          for (int s = 0; s < layout.size(); s++) {
            Segment a = layout.get(s);
            Segment b = other.get(s);
            if (a.channels() != b.channels() || a.perChannel() != b.perChannel()) {
              throw new IllegalArgumentException("node " + node.name() + " adds tensors whose channels come from"
                  + " differently split sources; they can not share one index set");
            }
            union(parent, fixed, a.group(), b.group());
          }
        }
      } else {
        // batch norm, activation, pooling, global pooling, scaling: channel by channel
        layout = raw.get(node.inputs().get(0));
      }
      raw.add(layout);
    }
    // the logits keep their channels: fix every group that reaches the output
    for (Segment s : raw.get(n - 1)) {
      fixed[find(parent, s.group())] = true;
    }
    Map<Integer, Integer> indexOfRoot = new LinkedHashMap<>();
    List<List<Integer>> producers = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    int[] groupOfProducer = new int[n];
    java.util.Arrays.fill(groupOfProducer, -1);
    for (Node node : nodes) {
      boolean producer = node.op() instanceof Op.Input || node.op() instanceof Op.Dense
          || node.op() instanceof Op.Conv2d c && c.groups() == 1;
      if (!producer) {
        continue;
      }
      int root = find(parent, node.id());
      Integer index = indexOfRoot.get(root);
      if (index == null) {
        index = indexOfRoot.size();
        indexOfRoot.put(root, index);
        producers.add(new ArrayList<>());
        sizes.add(channels[node.id()]);
      }
      if (!(node.op() instanceof Op.Input)) {
        producers.get(index).add(node.id());
      }
      groupOfProducer[node.id()] = index;
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : indexOfRoot.entrySet()) {
      int index = e.getValue();
      groups.add(new Group(index, sizes.get(index), producers.get(index), fixed[e.getKey()]));
    }
    if (groups.stream().allMatch(Group::fixed)) {
      throw new IllegalArgumentException("the network has no channel to remove: every layer's channels are"
          + " the input's or the logits'");
    }
    Map<Integer, List<Segment>> layouts = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      List<Segment> mapped = new ArrayList<>();
      for (Segment s : raw.get(i)) {
        mapped.add(new Segment(indexOfRoot.get(find(parent, s.group())), s.channels(), s.perChannel()));
      }
      layouts.put(i, Collections.unmodifiableList(mapped));
    }
    return new ChannelGroups(network, groups, Collections.unmodifiableMap(layouts), groupOfProducer);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, boolean[] fixed, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      // the earlier producer stays the root, so group indices follow node order
      int root = Math.min(ra, rb);
      int other = Math.max(ra, rb);
      parent[other] = root;
      fixed[root] |= fixed[other];
    }
  }

  /** The network the groups describe. */
  public Network network() {
    return network;
  }

  /** Every group, in the order of its first producer (the input's group first). */
  public List<Group> groups() {
    return groups;
  }

  /** The widths of the full network, one per group. */
  public int[] fullWidths() {
    return groups.stream().mapToInt(Group::channels).toArray();
  }

  /** Where the values of node {@code id}'s output come from, in order. */
  public List<Segment> layout(int id) {
    return layouts.get(id);
  }

  /** The group whose channels dense or convolution node {@code id} produces, or -1 for other nodes. */
  public int groupOf(int id) {
    return network.nodes().get(id).op() instanceof Op.Input ? -1 : groupOfProducer[id];
  }
}
