package org.nnx.syntax;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network written in the language: a {@code network NAME(params) { ... }} family, usable in
 * {@code architectures} like a built-in one, or a {@code block NAME(params) { ... }}, a part that
 * networks and other blocks use like a layer.
 *
 * <p>The body is a sequence of statements applied to a current value, which starts as the input
 * (a network's {@code input [c, h, w]}, a block's caller's value): each step — a layer, a block, a
 * {@code residual { ... }}, a {@code dense_cell(...) { ... }} or a {@code repeat N { ... }} — takes
 * the current value and its result becomes the current value. {@code NAME = step} names a result;
 * a bare name makes a named value (or {@code input}) current again.
 *
 * @param keyword {@code network} or {@code block}
 * @param location where the block starts
 * @param name its name
 * @param nameLocation where the name is
 * @param parameters its parameters, in order
 * @param body its statements, in order
 * @param source the block's exact source text
 */
public record NetworkNode(String keyword, Location location, String name, Location nameLocation,
    List<Param> parameters, List<Statement> body, String source) implements BlockNode {

  /** The keyword of network families. */
  public static final String NETWORK = "network";

  /** The keyword of blocks (parts of networks). */
  public static final String BLOCK = "block";

  public NetworkNode {
    parameters = List.copyOf(parameters);
    body = List.copyOf(body);
  }

  /**
   * A parameter, e.g. {@code width = 16}.
   *
   * @param defaultValue the default, when the parameter may be omitted
   */
  public record Param(Location location, String name, Optional<ExprNode> defaultValue) {}

  /** One statement of a body. */
  public sealed interface Statement permits Input, Step {
    /** Where the statement starts. */
    Location location();
  }

  /**
   * {@code input [c, h, w]} or {@code input n}: the network's input shape.
   *
   * @param shape one expression per dimension
   */
  public record Input(Location location, List<ExprNode> shape) implements Statement {
    public Input {
      shape = List.copyOf(shape);
    }
  }

  /**
   * A step, optionally naming its result ({@code skip = conv2d(...)}).
   *
   * @param name the name given to the result
   * @param nameLocation where the name is (the step's location without one)
   */
  public record Step(Location location, Optional<String> name, Location nameLocation, Action action)
      implements Statement {}

  /** What a step does. */
  public sealed interface Action permits Layer, Residual, DenseCell, Repeat {
    /** Where the action starts. */
    Location location();
  }

  /**
   * A layer, a block or a named value: {@code conv2d(16, kernel = 3) as conv1}, {@code relu},
   * {@code basic(64, stride = 2)}, {@code skip}.
   *
   * @param name the layer's, block's or value's name
   * @param arguments the arguments, in order
   * @param parenthesized whether arguments were written in parentheses
   * @param label the name given to the layer's node ({@code as NAME}), if any
   */
  public record Layer(Location location, String name, List<Arg> arguments, boolean parenthesized,
      Optional<String> label) implements Action {
    public Layer {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * {@code residual(projection = conv) { body }}: the body's result plus a shortcut of its input
   * (the identity, or a projection when the shapes differ).
   */
  public record Residual(Location location, List<Arg> arguments, List<Statement> body) implements Action {
    public Residual {
      arguments = List.copyOf(arguments);
      body = List.copyOf(body);
    }
  }

  /**
   * {@code dense_cell(depth = D, tc = T) { layer 0 { ... } layer 1 { ... } layer { ... } last { ...
   * } }}: a DenseNet-type cell whose layers {@code i >= 2} read the previous layer's output
   * concatenated with sampled long-range links.
   */
  public record DenseCell(Location location, List<Arg> arguments, List<CellLayer> layers) implements Action {
    public DenseCell {
      arguments = List.copyOf(arguments);
      layers = List.copyOf(layers);
    }
  }

  /**
   * One layer clause of a dense cell.
   *
   * @param index the layer it is for ({@code layer N}); empty for {@code layer { ... }} (every layer
   *     without its own clause) and for {@code last}
   * @param last whether it is the {@code last { ... }} clause
   */
  public record CellLayer(Location location, OptionalInt index, boolean last, List<Statement> body) {
    public CellLayer {
      body = List.copyOf(body);
    }
  }

  /** {@code repeat N { body }}: the body applied N times in a row. */
  public record Repeat(Location location, ExprNode count, List<Statement> body) implements Action {
    public Repeat {
      body = List.copyOf(body);
    }
  }

  /**
   * An argument, {@code name = expr} or a positional {@code expr}.
   *
   * @param name the name, or {@code null} for a positional argument
   */
  public record Arg(Location location, String name, ExprNode value) {
    /** Whether the argument is named. */
    public boolean isNamed() {
      return name != null;
    }
  }
}
