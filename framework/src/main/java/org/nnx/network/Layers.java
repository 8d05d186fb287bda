package org.nnx.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.ir.Activation;

/**
 * The layers a network written in the language can use, with their arguments: PyTorch's names and
 * defaults where PyTorch has the layer ({@code conv2d} is {@code nn.Conv2d}: bias on, padding 0).
 *
 * <pre>
 * conv2d(out, kernel, stride = 1, padding = 0, groups = 1, bias = true, in = inferred)
 * dense(out, bias = true, in = inferred)
 * batch_norm(channels = inferred)
 * relu  relu6  leaky_relu  elu  tanh  sigmoid  abs  identity
 * max_pool(kernel, stride = kernel, padding = 0)   avg_pool(kernel, stride = kernel, padding = 0)
 * global_avg_pool  flatten  scale(factor)
 * add(value, ...)  concat(value, ...)
 * </pre>
 *
 * {@code in} and {@code channels} are inferred from the value the layer reads; written, they are
 * checked against it. {@code add} and {@code concat} combine the current value with named values.
 */
final class Layers {

  /** What an argument holds. */
  enum Kind {
    INT, REAL, BOOL
  }

  /**
   * One argument of a layer.
   *
   * @param name its name
   * @param kind its type
   * @param required whether it must be given
   * @param defaultValue its default when not required and not inferred ({@code null}: inferred or
   *     taken from another argument)
   */
  record Arg(String name, Kind kind, boolean required, Object defaultValue) {}

  /** A layer's arguments, in positional order. */
  record Spec(String name, List<Arg> args) {}

  private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  static {
    add("conv2d", new Arg("out", Kind.INT, true, null), new Arg("kernel", Kind.INT, true, null),
        new Arg("stride", Kind.INT, false, 1L), new Arg("padding", Kind.INT, false, 0L),
        new Arg("groups", Kind.INT, false, 1L), new Arg("bias", Kind.BOOL, false, true),
        new Arg("in", Kind.INT, false, null));
    add("dense", new Arg("out", Kind.INT, true, null), new Arg("bias", Kind.BOOL, false, true),
        new Arg("in", Kind.INT, false, null));
    add("batch_norm", new Arg("channels", Kind.INT, false, null));
    for (Activation a : Activation.values()) {
      add(a.keyword());
    }
    for (String pool : List.of("max_pool", "avg_pool")) {
      add(pool, new Arg("kernel", Kind.INT, true, null), new Arg("stride", Kind.INT, false, null),
          new Arg("padding", Kind.INT, false, 0L));
    }
    add("global_avg_pool");
    add("flatten");
    add("scale", new Arg("factor", Kind.REAL, true, null));
  }

  private Layers() {}

  private static void add(String name, Arg... args) {
    SPECS.put(name, new Spec(name, List.of(args)));
  }

  /** The layer named {@code name}, or {@code null}; {@code add} and {@code concat} are not here (they take values). */
  static Spec spec(String name) {
    return SPECS.get(name);
  }

  /** Every layer's name, for suggestions, {@code add} and {@code concat} included. */
  static List<String> names() {
    List<String> all = new java.util.ArrayList<>(SPECS.keySet());
    all.add("add");
    all.add("concat");
    return all;
  }

  /** The activation named {@code name}, or {@code null}. */
  static Activation activation(String name) {
    for (Activation a : Activation.values()) {
      if (a.keyword().equals(name)) {
        return a;
      }
    }
    return null;
  }
}
