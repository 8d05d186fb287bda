package org.nnx.syntax;

import java.util.Optional;

/**
 * One entry of an {@code architectures} block: {@code label: family(arguments)}, optionally
 * followed by {@code sample N}.
 *
 * @param location where the label is
 * @param label the label, unique in its experiment
 * @param family the family call
 * @param sample with {@code sample N}, the number N of configurations to draw from the call's
 *     sweeps instead of taking all of them
 */
public record ArchitectureNode(Location location, String label, CallNode family, Optional<ValueNode.Number> sample) {

  /** A declaration that takes every configuration of its sweeps. */
  public ArchitectureNode(Location location, String label, CallNode family) {
    this(location, label, family, Optional.empty());
  }

  /** This declaration with another family call, {@code sample} kept. */
  public ArchitectureNode withFamily(CallNode replaced) {
    return new ArchitectureNode(location, label, replaced, sample);
  }

  /** The declaration as written in canonical form, e.g. {@code net: dense_mlp(depth = 8) sample 5}. */
  public String text() {
    return label + ": " + family.text() + sample.map(n -> " sample " + n.text()).orElse("");
  }
}
