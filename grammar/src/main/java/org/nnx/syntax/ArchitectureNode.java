package org.nnx.syntax;

import java.util.Optional;

/**
 * One entry of an {@code architectures} block: {@code label: family(arguments)}, optionally
 * followed by {@code sample N}, and by {@code weights W} (load the weights and do not train) or
 * {@code init W} (start training from them).
 *
 * @param location where the label is
 * @param label the label, unique in its experiment
 * @param family the family call
 * @param sample with {@code sample N}, the number N of configurations to draw from the call's
 *     sweeps instead of taking all of them
 * @param weights where the weights come from, if they are loaded
 */
public record ArchitectureNode(Location location, String label, CallNode family, Optional<ValueNode.Number> sample,
    Optional<Weights> weights) {

  /**
   * A {@code weights W} or {@code init W} clause.
   *
   * @param location where the keyword is
   * @param init whether training starts from the weights ({@code init}) rather than using them as
   *     they are ({@code weights})
   * @param source the weights: a folder nnx wrote (a string), or {@code npy("folder", layer = ["W.npy",
   *     "b.npy"], ...)}
   */
  public record Weights(Location location, boolean init, ValueNode source) {

    /** The clause as written, e.g. {@code weights "runs/x/weights/trial-0-repeat-0"}. */
    public String text() {
      return (init ? "init " : "weights ") + source.text();
    }
  }

  /** A declaration that takes every configuration of its sweeps and loads no weights. */
  public ArchitectureNode(Location location, String label, CallNode family) {
    this(location, label, family, Optional.empty(), Optional.empty());
  }

  /** A declaration without a weights clause. */
  public ArchitectureNode(Location location, String label, CallNode family, Optional<ValueNode.Number> sample) {
    this(location, label, family, sample, Optional.empty());
  }

  /** This declaration with another family call, everything else kept. */
  public ArchitectureNode withFamily(CallNode replaced) {
    return new ArchitectureNode(location, label, replaced, sample, weights);
  }

  /** The declaration as written in canonical form, e.g. {@code net: dense_mlp(depth = 8) sample 5}. */
  public String text() {
    return label + ": " + family.text() + sample.map(n -> " sample " + n.text()).orElse("")
        + weights.map(w -> " " + w.text()).orElse("");
  }
}
