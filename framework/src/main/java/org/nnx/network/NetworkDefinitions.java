package org.nnx.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nnx.syntax.NetworkNode;

/**
 * What a body of a network or block uses, read from its syntax alone: the blocks it calls, so that
 * a family carries the blocks it needs and a block that calls itself is found whatever the
 * parameters.
 */
final class NetworkDefinitions {

  private NetworkDefinitions() {}

  /**
   * A call of a block in a body.
   *
   * @param layer the step that calls it
   * @param block the block's name
   */
  record Use(NetworkNode.Layer layer, String block) {}

  /** The calls of blocks in {@code body}, nested bodies included, in order. */
  static List<Use> uses(List<NetworkNode.Statement> body, Set<String> blockNames) {
    List<Use> out = new ArrayList<>();
    collect(body, blockNames, new HashSet<>(), out);
    return out;
  }

  private static void collect(List<NetworkNode.Statement> body, Set<String> blockNames, Set<String> values,
      List<Use> out) {
    Set<String> named = new HashSet<>(values);
    for (NetworkNode.Statement s : body) {
      if (!(s instanceof NetworkNode.Step step)) {
        continue;
      }
      NetworkNode.Action a = step.action();
      if (a instanceof NetworkNode.Layer l) {
        if (blockNames.contains(l.name()) && !named.contains(l.name()) && Layers.spec(l.name()) == null) {
          out.add(new Use(l, l.name()));
        }
      } else if (a instanceof NetworkNode.Residual r) {
        collect(r.body(), blockNames, named, out);
      } else if (a instanceof NetworkNode.Repeat r) {
        collect(r.body(), blockNames, named, out);
      } else if (a instanceof NetworkNode.DenseCell d) {
        for (NetworkNode.CellLayer c : d.layers()) {
          collect(c.body(), blockNames, named, out);
        }
      }
      step.name().ifPresent(named::add);
    }
  }

  /**
   * The blocks {@code body} needs, directly or through other blocks, in the order of {@code
   * blocks}.
   */
  static Map<String, NetworkNode> closure(List<NetworkNode.Statement> body, Map<String, NetworkNode> blocks) {
    Set<String> needed = new HashSet<>();
    List<List<NetworkNode.Statement>> work = new ArrayList<>(List.of(body));
    while (!work.isEmpty()) {
      List<NetworkNode.Statement> next = work.remove(work.size() - 1);
      for (Use u : uses(next, blocks.keySet())) {
        if (needed.add(u.block())) {
          work.add(blocks.get(u.block()).body());
        }
      }
    }
    Map<String, NetworkNode> out = new LinkedHashMap<>();
    blocks.forEach((name, node) -> {
      if (needed.contains(name)) {
        out.put(name, node);
      }
    });
    return out;
  }

  /**
   * A chain of calls from {@code start} back to itself, e.g. {@code [a, b, a]}, with the call in
   * {@code start}'s body that begins it; empty when {@code start} does not reach itself.
   */
  static Optional<Map.Entry<NetworkNode.Layer, List<String>>> cycle(NetworkNode start, Map<String, NetworkNode> blocks) {
    for (Use u : uses(start.body(), blocks.keySet())) {
      List<String> path = new ArrayList<>(List.of(start.name()));
      if (reaches(u.block(), start.name(), blocks, path, new HashSet<>())) {
        return Optional.of(Map.entry(u.layer(), path));
      }
    }
    return Optional.empty();
  }

  private static boolean reaches(String from, String target, Map<String, NetworkNode> blocks, List<String> path,
      Set<String> seen) {
    path.add(from);
    if (from.equals(target)) {
      return true;
    }
    if (seen.add(from)) {
      for (Use u : uses(blocks.get(from).body(), blocks.keySet())) {
        if (reaches(u.block(), target, blocks, path, seen)) {
          return true;
        }
      }
    }
    path.remove(path.size() - 1);
    return false;
  }
}
