package org.nnx.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;

/**
 * Every parameter tensor of a network, by node id and tensor name, in PyTorch's layouts and names:
 *
 * <ul>
 *   <li>dense: {@code weight} {@code [out, in]}, {@code bias} {@code [out]} (when the layer has one);
 *   <li>conv2d: {@code weight} {@code [out, in / groups, k, k]}, {@code bias} {@code [out]};
 *   <li>batch_norm: {@code weight} (scale) and {@code bias} (shift), {@code running_mean} and {@code
 *       running_var}, each {@code [channels]}.
 * </ul>
 *
 * Batch-norm running statistics are state, not trainable parameters ({@link Network#parameters()}
 * does not count them), but a trained model needs them. Instances are immutable and serializable, so
 * weights travel with a trial to another process and are kept in the result store.
 */
public final class NetworkWeights implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The name of a dense or convolution weight, or a batch norm's scale. */
  public static final String WEIGHT = "weight";

  /** The name of a bias, or a batch norm's shift. */
  public static final String BIAS = "bias";

  /** The name of a batch norm's running mean. */
  public static final String RUNNING_MEAN = "running_mean";

  /** The name of a batch norm's running variance. */
  public static final String RUNNING_VAR = "running_var";

  private final Map<Integer, Map<String, Tensor>> nodes;

  private NetworkWeights(Map<Integer, Map<String, Tensor>> nodes) {
    Map<Integer, Map<String, Tensor>> copy = new TreeMap<>();
    nodes.forEach((id, tensors) -> copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(tensors))));
    this.nodes = Collections.unmodifiableMap(copy);
  }

  /** A builder of weights, node by node. */
  public static Builder builder() {
    return new Builder();
  }

  /** The ids of the nodes that have tensors, ascending. */
  public List<Integer> nodes() {
    return List.copyOf(nodes.keySet());
  }

  /** The tensors of node {@code id} by name, in insertion order; empty when it has none. */
  public Map<String, Tensor> tensors(int id) {
    return nodes.getOrDefault(id, Map.of());
  }

  /**
   * One tensor.
   *
   * @throws IllegalArgumentException if node {@code id} has no tensor {@code name}
   */
  public Tensor get(int id, String name) {
    Tensor t = tensors(id).get(name);
    if (t == null) {
      throw new IllegalArgumentException("node " + id + " has no tensor '" + name + "'");
    }
    return t;
  }

  /** The values of tensor {@code name} of node {@code id}, or {@code null} when it has none. */
  public float[] valuesOrNull(int id, String name) {
    Tensor t = tensors(id).get(name);
    return t == null ? null : t.values();
  }

  /** The number of trainable values: every tensor but batch-norm running statistics. */
  public long trainableCount() {
    long n = 0;
    for (Map<String, Tensor> tensors : nodes.values()) {
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        if (!e.getKey().equals(RUNNING_MEAN) && !e.getKey().equals(RUNNING_VAR)) {
          n += e.getValue().size();
        }
      }
    }
    return n;
  }

  /** The number of bytes the values take in memory (4 per value). */
  public long bytes() {
    long n = 0;
    for (Map<String, Tensor> tensors : nodes.values()) {
      for (Tensor t : tensors.values()) {
        n += 4L * t.size();
      }
    }
    return n;
  }

  /**
   * The tensors every parameterized node of {@code network} must have, with their shapes, in the
   * order listed in the class comment.
   *
   * @return by node id, tensor name to shape
   */
  public static Map<Integer, Map<String, int[]>> expected(Network network) {
    Map<Integer, Map<String, int[]>> out = new TreeMap<>();
    for (Node n : network.nodes()) {
      Map<String, int[]> t = new LinkedHashMap<>();
      if (n.op() instanceof Op.Dense d) {
        t.put(WEIGHT, new int[] {d.out(), d.in()});
        if (d.bias()) {
          t.put(BIAS, new int[] {d.out()});
        }
      } else if (n.op() instanceof Op.Conv2d c) {
        t.put(WEIGHT, new int[] {c.out(), c.in() / c.groups(), c.kernel(), c.kernel()});
        if (c.bias()) {
          t.put(BIAS, new int[] {c.out()});
        }
      } else if (n.op() instanceof Op.BatchNorm b) {
        for (String name : List.of(WEIGHT, BIAS, RUNNING_MEAN, RUNNING_VAR)) {
          t.put(name, new int[] {b.channels()});
        }
      }
      if (!t.isEmpty()) {
        out.put(n.id(), t);
      }
    }
    return out;
  }

  /**
   * Checks that these weights fit {@code network}: every expected tensor present with its shape, and
   * no other.
   *
   * @return one line per mismatch, naming the node and both shapes; empty when they fit
   */
  public List<String> mismatches(Network network) {
    List<String> out = new ArrayList<>();
    Map<Integer, Map<String, int[]>> expected = expected(network);
    for (Map.Entry<Integer, Map<String, int[]>> e : expected.entrySet()) {
      Node node = network.nodes().get(e.getKey());
      for (Map.Entry<String, int[]> t : e.getValue().entrySet()) {
        Tensor have = tensors(e.getKey()).get(t.getKey());
        if (have == null) {
          out.add(node.name() + "." + t.getKey() + ": missing (expected shape "
              + java.util.Arrays.toString(t.getValue()) + ")");
        } else if (!java.util.Arrays.equals(have.shape(), t.getValue())) {
          out.add(node.name() + "." + t.getKey() + ": shape " + have.shapeText() + ", expected "
              + java.util.Arrays.toString(t.getValue()));
        }
      }
    }
    for (Map.Entry<Integer, Map<String, Tensor>> e : nodes.entrySet()) {
      Map<String, int[]> want = expected.getOrDefault(e.getKey(), Map.of());
      for (String name : e.getValue().keySet()) {
        if (!want.containsKey(name)) {
          String node = e.getKey() < network.nodes().size() ? network.nodes().get(e.getKey()).name()
              : "node " + e.getKey();
          out.add(node + "." + name + ": not a parameter of the network");
        }
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkWeights w && nodes.equals(w.nodes);
  }

  @Override
  public int hashCode() {
    return nodes.hashCode();
  }

  @Override
  public String toString() {
    return "NetworkWeights(" + nodes.size() + " nodes, " + trainableCount() + " trainable values)";
  }

  /** Builds {@link NetworkWeights}. */
  public static final class Builder {

    private final Map<Integer, Map<String, Tensor>> nodes = new TreeMap<>();

    private Builder() {}

    /** Adds (or replaces) tensor {@code name} of node {@code id}. */
    public Builder put(int id, String name, Tensor tensor) {
      nodes.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(name, tensor);
      return this;
    }

    /** Adds (or replaces) tensor {@code name} of node {@code id} from its shape and values. */
    public Builder put(int id, String name, int[] shape, float[] values) {
      return put(id, name, new Tensor(shape, values));
    }

    /** Copies every tensor of {@code weights}. */
    public Builder putAll(NetworkWeights weights) {
      weights.nodes.forEach((id, tensors) -> tensors.forEach((name, t) -> put(id, name, t)));
      return this;
    }

    /** The weights. */
    public NetworkWeights build() {
      return new NetworkWeights(nodes);
    }
  }
}
