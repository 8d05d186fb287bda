package org.nnx.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nnx.ir.Activation;
import org.nnx.ir.Cell;
import org.nnx.ir.LongRangeLinks;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.syntax.ExprNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.NetworkNode;
import org.nnx.syntax.Suggestions;

/**
 * Runs a network written in the language with concrete parameters and builds its IR, node by node
 * in statement order, inferring every shape. Every mistake is a {@link NetworkBuildException} at the
 * statement or argument that makes it.
 *
 * <p>Values: integers stay exact ({@code + - *} and {@code ^} on integers, {@code /} when it divides
 * exactly); any other arithmetic gives a real. Where a layer needs an integer, a real with a
 * fraction is an error. Names in expressions are the parameters of the network or block, and
 * {@code in_channels}, {@code in_height}, {@code in_width} of the value the step reads; other names
 * are words (e.g. {@code projection = none}). Functions: {@code floor}, {@code ceil}, {@code round}
 * (half to even, as Python's), {@code min}, {@code max}, {@code abs}.
 *
 * <p>DenseNet-type cells sample their long-range links from one stream seeded with the build seed,
 * cell by cell and layer by layer, with {@link LongRangeLinks}, as {@code dense_mlp}, {@code cells}
 * and {@code dense_cnn} do.
 */
final class Program {

  /** Nesting of blocks deeper than this is taken for a runaway definition. */
  static final int MAX_DEPTH = 200;

  /** Nodes beyond this many are refused (networks of the IR hold their nodes in memory). */
  static final int MAX_NODES = 1_000_000;

  private final NetworkNode network;
  private final Map<String, NetworkNode> blocks;
  private final SplittableRandom links;
  private final Map<String, Integer> counters = new HashMap<>();
  private final Set<String> names = new HashSet<>();
  private final Deque<String> calls = new ArrayDeque<>();
  private NetworkBuilder b;

  private Program(NetworkNode network, Map<String, NetworkNode> blocks, long seed) {
    this.network = network;
    this.blocks = blocks;
    this.links = new SplittableRandom(seed);
  }

  /**
   * Builds the network.
   *
   * @param network the {@code network} definition
   * @param blocks the file's {@code block} definitions by name
   * @param parameters the value of every parameter (Long, Double or Boolean)
   * @param seed the seed of the sampled long-range links
   * @throws NetworkBuildException at the first mistake
   */
  static Network build(NetworkNode network, Map<String, NetworkNode> blocks, Map<String, Object> parameters,
      long seed) {
    return new Program(network, blocks, seed).run(parameters);
  }

  /**
   * The value of an expression that names nothing (a network parameter's default): a Long, a Double
   * or a Boolean.
   *
   * @throws NetworkBuildException if it names something or is not a number or truth value
   */
  static Object constant(ExprNode e) {
    Program p = new Program(null, Map.of(), 0L);
    Object v = p.eval(e, new Scope(Map.of(), null, 0, ""), -1);
    if (v instanceof String word) {
      throw new NetworkBuildException(e.location(), "a network's parameter defaults to a number or to true or false,"
          + " got the word '" + word + "'", "defaults cannot name other parameters; write the value");
    }
    return v;
  }

  /** What a body runs in: its block's parameters and input, and the values named so far. */
  private static final class Scope {
    final Map<String, Object> parameters;
    final Map<String, Integer> values = new LinkedHashMap<>();
    /** Names that statements of this body define later, with where (for "used before defined"). */
    final Map<String, Location> later = new HashMap<>();
    final Scope parent;
    final int input;
    final String prefix;

    Scope(Map<String, Object> parameters, Scope parent, int input, String prefix) {
      this.parameters = parameters;
      this.parent = parent;
      this.input = input;
      this.prefix = prefix;
    }

    Integer value(String name) {
      for (Scope s = this; s != null; s = s.parent) {
        Integer v = s.values.get(name);
        if (v != null) {
          return v;
        }
        if (s.parameters != null) {
          break; // a block's body does not see its caller's values
        }
      }
      return null;
    }

    Map<String, Object> parameters() {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.parameters != null) {
          return s.parameters;
        }
      }
      return Map.of();
    }

    /** Where a name not yet defined is defined later in a body this scope sees, or {@code null}. */
    Location definedLater(String name) {
      for (Scope s = this; s != null; s = s.parent) {
        Location at = s.later.get(name);
        if (at != null) {
          return at;
        }
        if (s.parameters != null) {
          break;
        }
      }
      return null;
    }

    Set<String> visibleValues() {
      Set<String> out = new HashSet<>();
      for (Scope s = this; s != null; s = s.parent) {
        out.addAll(s.values.keySet());
        if (s.parameters != null) {
          break;
        }
      }
      return out;
    }
  }

  private Network run(Map<String, Object> parameters) {
    List<NetworkNode.Statement> body = network.body();
    if (body.isEmpty() || !(body.get(0) instanceof NetworkNode.Input input)) {
      throw new NetworkBuildException(body.isEmpty() ? network.location() : body.get(0).location(),
          "network '" + network.name() + "' does not start with its input",
          "write input [channels, height, width] or input features as its first statement");
    }
    Scope scope = new Scope(parameters, null, 0, "");
    List<Long> dims = new ArrayList<>();
    for (ExprNode e : input.shape()) {
      dims.add(positiveInt(eval(e, scope, -1), e.location(), "an input dimension"));
    }
    if (dims.size() != 1 && dims.size() != 3) {
      throw new NetworkBuildException(input.location(), "the input has " + dims.size() + " dimensions",
          "write input [channels, height, width] for images or input n for n features");
    }
    TensorShape shape = dims.size() == 1 ? TensorShape.vector(Math.toIntExact(dims.get(0)))
        : new TensorShape(Math.toIntExact(dims.get(0)), Math.toIntExact(dims.get(1)), Math.toIntExact(dims.get(2)));
    b = new NetworkBuilder(network.name(), shape);
    names.add("input");
    List<NetworkNode.Statement> rest = body.subList(1, body.size());
    if (rest.isEmpty()) {
      throw new NetworkBuildException(network.location(), "network '" + network.name() + "' has no layers",
          "add layers after its input, ending with the classifier, e.g. dense(classes)");
    }
    int out = body(rest, scope, 0);
    TensorShape y = b.shape(out);
    if (!y.isVector()) {
      throw new NetworkBuildException(rest.get(rest.size() - 1).location(), "the network's output is " + y
          + ", not a vector of logits", "end with global_avg_pool or flatten and a dense layer to the classes");
    }
    if (out != b.size() - 1) {
      throw new NetworkBuildException(rest.get(rest.size() - 1).location(), "the network ends on a value computed"
          + " earlier, not on its last layer", "end the network with the layer that computes its output");
    }
    return b.build();
  }

  /** Runs statements on {@code current}; returns the value current at the end. */
  private int body(List<NetworkNode.Statement> statements, Scope scope, int current) {
    for (NetworkNode.Statement s : statements) {
      if (s instanceof NetworkNode.Step step && step.name().isPresent()) {
        scope.later.putIfAbsent(step.name().get(), step.nameLocation());
      }
    }
    for (NetworkNode.Statement s : statements) {
      if (s instanceof NetworkNode.Input i) {
        throw new NetworkBuildException(i.location(), "input is written once, as the first statement of a network",
            null);
      }
      NetworkNode.Step step = (NetworkNode.Step) s;
      current = action(step, scope, current);
      if (step.name().isPresent()) {
        String name = step.name().get();
        if (scope.parameters().containsKey(name) || name.equals("input")) {
          throw new NetworkBuildException(step.nameLocation(), "'" + name + "' is already "
              + (name.equals("input") ? "the input" : "a parameter"), "give the value another name");
        }
        scope.values.put(name, current);
        scope.later.remove(name);
      }
    }
    return current;
  }

  private int action(NetworkNode.Step step, Scope scope, int current) {
    NetworkNode.Action a = step.action();
    if (b.size() > MAX_NODES) {
      throw new NetworkBuildException(a.location(), "the network has more than " + MAX_NODES + " nodes",
          "use fewer repeats or smaller parameters");
    }
    String label = step.name().orElse(null);
    if (a instanceof NetworkNode.Repeat r) {
      long n = intValue(eval(r.count(), scope, current), r.count().location(), "repeat's count");
      if (n < 0) {
        throw new NetworkBuildException(r.count().location(), "repeat's count is " + n + ", below 0", null);
      }
      for (long i = 0; i < n; i++) {
        current = body(r.body(), new Scope(null, scope, scope.input, scope.prefix), current);
      }
      return current;
    }
    if (a instanceof NetworkNode.Residual r) {
      return residual(r, scope, current, label);
    }
    if (a instanceof NetworkNode.DenseCell d) {
      return denseCell(d, scope, current, label);
    }
    return layer((NetworkNode.Layer) a, scope, current, label);
  }

  // ---------------------------------------------------------------------------------------------
  // Layers and blocks

  private int layer(NetworkNode.Layer l, Scope scope, int current, String stepLabel) {
    String label = l.label().orElse(stepLabel);
    String name = l.name();
    Layers.Spec spec = Layers.spec(name);
    if (spec != null) {
      Map<String, Object> args = bind(spec, l, scope, current);
      return addLayer(spec, args, l, scope, current, label);
    }
    if (name.equals("add") || name.equals("concat")) {
      return combine(l, scope, current, label);
    }
    Integer named = name.equals("input") ? Integer.valueOf(scope.input) : scope.value(name);
    if (named != null) {
      if (l.parenthesized()) {
        throw new NetworkBuildException(l.location(), "'" + name + "' is a value, not a layer", "write " + name
            + " alone to continue from it");
      }
      return named;
    }
    NetworkNode block = blocks.get(name);
    if (block != null) {
      return call(block, l, scope, current, label);
    }
    usedBeforeDefined(name, l.location(), scope);
    List<String> known = new ArrayList<>(Layers.names());
    known.addAll(blocks.keySet());
    known.addAll(scope.visibleValues());
    String hint = Suggestions.didYouMean(name, known);
    throw new NetworkBuildException(l.location(), "unknown layer, block or value '" + name + "'",
        hint != null ? hint : "layers are " + String.join(", ", Layers.names()));
  }

  private int call(NetworkNode block, NetworkNode.Layer l, Scope scope, int current, String label) {
    if (calls.contains(block.name())) {
      throw new NetworkBuildException(l.location(), "block '" + block.name() + "' uses itself (" + chain() + " -> " + block.name() + ")", "a block cannot contain itself; write the repetition with repeat");
    }
    if (calls.size() >= MAX_DEPTH) {
      throw new NetworkBuildException(l.location(), "blocks are nested more than " + MAX_DEPTH + " deep", null);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    Map<String, NetworkNode.Arg> given = new LinkedHashMap<>();
    List<NetworkNode.Param> declared = block.parameters();
    int position = 0;
    for (NetworkNode.Arg a : l.arguments()) {
      String key;
      if (a.isNamed()) {
        key = a.name();
        if (declared.stream().noneMatch(p -> p.name().equals(key))) {
          String hint = Suggestions.didYouMean(key, declared.stream().map(NetworkNode.Param::name).toList());
          throw new NetworkBuildException(a.location(), "block '" + block.name() + "' has no parameter '" + key + "'",
              hint != null ? hint : "its parameters are " + paramNames(block));
        }
      } else {
        if (position >= declared.size()) {
          throw new NetworkBuildException(a.location(), "block '" + block.name() + "' takes " + declared.size()
              + " parameters, got more", "its parameters are " + paramNames(block));
        }
        key = declared.get(position++).name();
      }
      if (given.putIfAbsent(key, a) != null) {
        throw new NetworkBuildException(a.location(), "'" + key + "' is given twice", null);
      }
    }
    String prefix = scope.prefix + (label != null ? label : next(scope.prefix, block.name())) + ".";
    Scope inner = new Scope(params, null, current, prefix);
    for (NetworkNode.Param p : declared) {
      NetworkNode.Arg a = given.get(p.name());
      if (a != null) {
        params.put(p.name(), eval(a.value(), scope, current));
      } else if (p.defaultValue().isPresent()) {
        params.put(p.name(), eval(p.defaultValue().get(), inner, current));
      } else {
        throw new NetworkBuildException(l.location(), "block '" + block.name() + "' needs '" + p.name() + "'",
            "write " + block.name() + "(" + paramNames(block) + ")");
      }
    }
    calls.push(block.name());
    try {
      if (block.body().isEmpty()) {
        throw new NetworkBuildException(block.location(), "block '" + block.name() + "' has no layers", null);
      }
      return body(block.body(), inner, current);
    } finally {
      calls.pop();
    }
  }

  /** Reports a name that a later statement defines. */
  private static void usedBeforeDefined(String name, Location at, Scope scope) {
    Location later = scope.definedLater(name);
    if (later != null) {
      throw new NetworkBuildException(at, "'" + name + "' is used before it is defined", "it is defined at "
          + later.line() + ":" + later.column() + "; a value can be used only after its statement");
    }
  }

  /** The blocks being called, outermost first. */
  private String chain() {
    List<String> out = new ArrayList<>();
    calls.descendingIterator().forEachRemaining(out::add);
    return String.join(" -> ", out);
  }

  private static String paramNames(NetworkNode block) {
    return block.parameters().isEmpty() ? "none"
        : String.join(", ", block.parameters().stream().map(NetworkNode.Param::name).toList());
  }

  /** Binds a layer's arguments to its spec: positional in order, then by name; defaults filled in. */
  private Map<String, Object> bind(Layers.Spec spec, NetworkNode.Layer l, Scope scope, int current) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Location> at = new HashMap<>();
    int position = 0;
    for (NetworkNode.Arg a : l.arguments()) {
      Layers.Arg arg;
      if (a.isNamed()) {
        arg = spec.args().stream().filter(x -> x.name().equals(a.name())).findFirst().orElse(null);
        if (arg == null) {
          String hint = Suggestions.didYouMean(a.name(), spec.args().stream().map(Layers.Arg::name).toList());
          throw new NetworkBuildException(a.location(), spec.name() + " has no argument '" + a.name() + "'",
              hint != null ? hint : spec.args().isEmpty() ? spec.name() + " takes no arguments"
                  : "its arguments are " + String.join(", ", spec.args().stream().map(Layers.Arg::name).toList()));
        }
      } else {
        if (position >= spec.args().size()) {
          throw new NetworkBuildException(a.location(), spec.name() + " takes " + (spec.args().isEmpty() ? "no"
              : "at most " + spec.args().size()) + " arguments", null);
        }
        arg = spec.args().get(position++);
      }
      if (out.containsKey(arg.name())) {
        throw new NetworkBuildException(a.location(), "'" + arg.name() + "' is given twice", null);
      }
      Object v = eval(a.value(), scope, current);
      out.put(arg.name(), typed(v, arg, spec.name(), a.value().location()));
      at.put(arg.name(), a.value().location());
    }
    for (Layers.Arg arg : spec.args()) {
      if (!out.containsKey(arg.name())) {
        if (arg.required()) {
          throw new NetworkBuildException(l.location(), spec.name() + " needs '" + arg.name() + "'",
              "write " + spec.name() + "(" + String.join(", ", spec.args().stream().filter(Layers.Arg::required)
                  .map(Layers.Arg::name).toList()) + ", ...)");
        }
        if (arg.defaultValue() != null) {
          out.put(arg.name(), arg.defaultValue());
        }
      }
    }
    at.forEach((k, v) -> out.put("@" + k, v));
    return out;
  }

  private static Object typed(Object v, Layers.Arg arg, String layer, Location at) {
    String what = layer + "'s " + arg.name();
    return switch (arg.kind()) {
      case INT -> intValue(v, at, what);
      case REAL -> {
        if (!(v instanceof Number n)) {
          throw new NetworkBuildException(at, what + " must be a number, got " + describe(v), null);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
          throw new NetworkBuildException(at, what + " is " + d + ", not a finite number", null);
        }
        yield d;
      }
      case BOOL -> {
        if (!(v instanceof Boolean) ) {
          throw new NetworkBuildException(at, what + " must be true or false, got " + describe(v), null);
        }
        yield v;
      }
    };
  }

  private Location argAt(Map<String, Object> args, String name, NetworkNode.Layer l) {
    Object at = args.get("@" + name);
    return at instanceof Location loc ? loc : l.location();
  }

  private int addLayer(Layers.Spec spec, Map<String, Object> args, NetworkNode.Layer l, Scope scope, int current,
      String label) {
    TensorShape x = b.shape(current);
    String kind = spec.name();
    Op op;
    Activation act = Layers.activation(kind);
    if (act != null) {
      op = new Op.Act(act);
    } else {
      op = switch (kind) {
        case "conv2d" -> conv(args, l, x);
        case "dense" -> dense(args, l, x);
        case "batch_norm" -> {
          int channels = x.channels();
          if (args.containsKey("channels") && ((Long) args.get("channels")) != channels) {
            throw new NetworkBuildException(argAt(args, "channels", l), "batch_norm expects " + args.get("channels")
                + " channels, got " + channels, "leave channels out to take the input's");
          }
          yield new Op.BatchNorm(channels);
        }
        case "max_pool", "avg_pool" -> pool(kind.equals("max_pool"), args, l, x);
        case "global_avg_pool" -> {
          if (x.isVector()) {
            throw new NetworkBuildException(l.location(), "global_avg_pool needs a c x h x w input, got a vector of "
                + x.channels() + " values", null);
          }
          yield new Op.GlobalAvgPool();
        }
        case "flatten" -> new Op.Flatten();
        case "scale" -> new Op.Scale((Double) args.get("factor"));
        default -> throw new IllegalStateException("layer " + kind + " has no op");
      };
    }
    return add(scope, label, kind, op, l.location(), current);
  }

  private Op conv(Map<String, Object> args, NetworkNode.Layer l, TensorShape x) {
    if (x.isVector() && x.channels() > 0 && b.size() > 0 && isVectorValue(x)) {
      throw new NetworkBuildException(l.location(), "conv2d needs a c x h x w input, got a vector of " + x.channels()
          + " values", "convolutions read images; give the network an input [channels, height, width]");
    }
    int out = positive(args, "out", l);
    int kernel = positive(args, "kernel", l);
    int stride = positive(args, "stride", l);
    int padding = nonNegative(args, "padding", l);
    int groups = positive(args, "groups", l);
    int in = x.channels();
    if (args.containsKey("in") && ((Long) args.get("in")) != in) {
      throw new NetworkBuildException(argAt(args, "in", l), "conv2d expects " + args.get("in") + " channels, got "
          + in, "leave in out to take the input's channels");
    }
    if (in % groups != 0 || out % groups != 0) {
      throw new NetworkBuildException(argAt(args, "groups", l), "conv2d's groups (" + groups + ") must divide its "
          + in + " input and " + out + " output channels", null);
    }
    if (x.height() + 2L * padding < kernel || x.width() + 2L * padding < kernel) {
      throw new NetworkBuildException(argAt(args, "kernel", l), "conv2d's " + kernel + "x" + kernel
          + " kernel does not fit the " + x.height() + "x" + x.width() + " input with padding " + padding, null);
    }
    return new Op.Conv2d(in, out, kernel, stride, padding, groups, (Boolean) args.get("bias"));
  }

  /** Whether a shape that is a vector here is a true feature vector (conv2d may read 1x1 images of a c x 1 x 1 input). */
  private boolean isVectorValue(TensorShape x) {
    return x.height() == 1 && x.width() == 1 && b.shape(0).isVector();
  }

  private Op dense(Map<String, Object> args, NetworkNode.Layer l, TensorShape x) {
    if (!x.isVector()) {
      throw new NetworkBuildException(l.location(), "dense needs a vector input, got " + x,
          "flatten or global_avg_pool it first");
    }
    int out = positive(args, "out", l);
    int in = x.channels();
    if (args.containsKey("in") && ((Long) args.get("in")) != in) {
      throw new NetworkBuildException(argAt(args, "in", l), "dense expects " + args.get("in") + " inputs, got " + in,
          "leave in out to take the input's size");
    }
    return new Op.Dense(in, out, (Boolean) args.get("bias"));
  }

  private Op pool(boolean max, Map<String, Object> args, NetworkNode.Layer l, TensorShape x) {
    String kind = max ? "max_pool" : "avg_pool";
    if (x.isVector()) {
      throw new NetworkBuildException(l.location(), kind + " needs a c x h x w input, got a vector of " + x.channels()
          + " values", null);
    }
    int kernel = positive(args, "kernel", l);
    int stride = args.containsKey("stride") ? positive(args, "stride", l) : kernel;
    int padding = nonNegative(args, "padding", l);
    if (x.height() + 2L * padding < kernel || x.width() + 2L * padding < kernel) {
      throw new NetworkBuildException(argAt(args, "kernel", l), kind + "'s " + kernel + "x" + kernel
          + " window does not fit the " + x.height() + "x" + x.width() + " input with padding " + padding, null);
    }
    return new Op.Pool(max, kernel, stride, padding);
  }

  private int positive(Map<String, Object> args, String name, NetworkNode.Layer l) {
    long v = (Long) args.get(name);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new NetworkBuildException(argAt(args, name, l), l.name() + "'s " + name + " is " + v
          + (v < 1 ? ", below 1" : ", too large"), null);
    }
    return (int) v;
  }

  private int nonNegative(Map<String, Object> args, String name, NetworkNode.Layer l) {
    long v = (Long) args.get(name);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new NetworkBuildException(argAt(args, name, l), l.name() + "'s " + name + " is " + v
          + (v < 0 ? ", below 0" : ", too large"), null);
    }
    return (int) v;
  }

  /** {@code add(a, ...)} and {@code concat(a, ...)}: the current value with named values. */
  private int combine(NetworkNode.Layer l, Scope scope, int current, String label) {
    if (l.arguments().isEmpty()) {
      throw new NetworkBuildException(l.location(), l.name() + " needs the values to combine with the current one",
          "e.g. skip = relu ... then " + l.name() + "(skip)");
    }
    List<Integer> inputs = new ArrayList<>(List.of(current));
    for (NetworkNode.Arg a : l.arguments()) {
      String name = a.value() instanceof ExprNode.Variable v ? v.name() : null;
      Integer value = name == null ? null : name.equals("input") ? Integer.valueOf(scope.input) : scope.value(name);
      if (!a.isNamed() && value == null && name != null) {
        usedBeforeDefined(name, a.location(), scope);
      }
      if (a.isNamed() || value == null) {
        String hint = name == null ? null : Suggestions.didYouMean(name, scope.visibleValues());
        throw new NetworkBuildException(a.location(), l.name() + " combines named values, got " + a.value().text(),
            hint != null ? hint : "name a value with NAME = ... before, or use input");
      }
      inputs.add(value);
    }
    Op op = l.name().equals("add") ? new Op.Add() : new Op.Concat();
    List<TensorShape> shapes = inputs.stream().map(b::shape).toList();
    if (op instanceof Op.Add) {
      for (TensorShape s : shapes) {
        if (!s.equals(shapes.get(0))) {
          throw new NetworkBuildException(l.location(), "add of unequal shapes " + shapes.get(0) + " and " + s,
              "the values added must have the same channels, height and width");
        }
      }
    } else {
      for (TensorShape s : shapes) {
        if (s.height() != shapes.get(0).height() || s.width() != shapes.get(0).width()) {
          throw new NetworkBuildException(l.location(), "concat of unequal spatial sizes " + shapes.get(0) + " and "
              + s, "the values concatenated must have the same height and width");
        }
      }
    }
    return add(scope, label, l.name(), op, l.location(), inputs.stream().mapToInt(Integer::intValue).toArray());
  }

  // ---------------------------------------------------------------------------------------------
  // Residual blocks and dense cells

  private int residual(NetworkNode.Residual r, Scope scope, int current, String label) {
    String projection = "conv";
    for (NetworkNode.Arg a : r.arguments()) {
      Object v = eval(a.value(), scope, current);
      if (!"projection".equals(a.name()) || !(v instanceof String w) || !(w.equals("conv") || w.equals("none"))) {
        throw new NetworkBuildException(a.location(), "residual takes projection = conv or projection = none",
            "conv: a 1x1 convolution and batch norm when the shapes differ; none: no shortcut then");
      }
      projection = (String) v;
    }
    String prefix = scope.prefix + (label != null ? label : next(scope.prefix, "residual")) + ".";
    Scope inner = new Scope(null, scope, scope.input, prefix);
    int first = b.size();
    if (r.body().isEmpty()) {
      throw new NetworkBuildException(r.location(), "residual has no layers", null);
    }
    int y = body(r.body(), inner, current);
    int last = b.size();
    TensorShape xs = b.shape(current);
    TensorShape ys = b.shape(y);
    int shortcut = current;
    boolean identity = xs.equals(ys);
    boolean added = true;
    if (!identity) {
      if (projection.equals("none")) {
        added = false;
      } else {
        int stride = projectionStride(xs, ys, r.location());
        int conv = add(inner, null, "shortcut.conv", new Op.Conv2d(xs.channels(), ys.channels(), 1, stride, 0, 1,
            false), r.location(), current);
        shortcut = add(inner, null, "shortcut.bn", new Op.BatchNorm(ys.channels()), r.location(), conv);
      }
    }
    int out = added ? add(inner, null, "add", new Op.Add(), r.location(), y, shortcut) : y;
    b.cell(residualCell(first, last, xs, ys, added && identity));
    return out;
  }

  private static int projectionStride(TensorShape x, TensorShape y, Location at) {
    if (x.isVector() || y.isVector()) {
      throw new NetworkBuildException(at, "residual's body maps " + x + " to " + y + ", which a 1x1 convolution cannot"
          + " project", "keep the shape, or write projection = none");
    }
    for (int s = 1; s <= x.height(); s++) {
      if ((x.height() - 1) / s + 1 == y.height() && (x.width() - 1) / s + 1 == y.width()) {
        return s;
      }
    }
    throw new NetworkBuildException(at, "residual's body maps " + x + " to " + y + ", which no strided 1x1 projection"
        + " matches", "keep the spatial size, or shrink it by an integer stride");
  }

  /**
   * The NN-Mass cell of a residual block, from its body's convolutions: two 3x3 ones are a ResNet
   * basic block; 1x1, 3x3, 1x1 a bottleneck (its output is 4 times torchvision's {@code planes});
   * an optional 1x1 expansion, a 3x3 depth-wise and a 1x1 projection a MobileNet-v2 inverted
   * residual; anything else plain layers.
   */
  private Cell residualCell(int first, int last, TensorShape x, TensorShape y, boolean identity) {
    List<Op.Conv2d> convs = new ArrayList<>();
    for (int i = first; i < last; i++) {
      if (b.node(i).op() instanceof Op.Conv2d c) {
        convs.add(c);
      }
    }
    int in = x.channels();
    int out = y.channels();
    if (convs.size() == 2 && convs.stream().allMatch(c -> c.kernel() == 3 && c.groups() == 1)) {
      return new Cell.BasicBlock(in, out, convs.get(0).stride());
    }
    int dw = convs.size() == 3 ? 1 : convs.size() == 2 ? 0 : -1;
    if (dw >= 0) {
      Op.Conv2d d = convs.get(dw);
      boolean pointwiseAround = convs.get(convs.size() - 1).kernel() == 1 && (dw == 0 || convs.get(0).kernel() == 1);
      if (d.kernel() == 3 && d.groups() == d.in() && d.in() == d.out() && d.groups() > 1 && pointwiseAround) {
        return new Cell.InvertedResidual(in, out, d.out(), d.stride(), identity);
      }
      if (dw == 1 && d.kernel() == 3 && pointwiseAround && convs.get(0).groups() == 1) {
        return new Cell.Bottleneck(in, out % 4 == 0 ? out / 4 : out, d.out(), d.stride(), d.groups());
      }
    }
    return new Cell.Plain("residual block of " + convs.size() + (convs.size() == 1 ? " convolution" : " convolutions"));
  }

  private int denseCell(NetworkNode.DenseCell d, Scope scope, int current, String label) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (NetworkNode.Arg a : d.arguments()) {
      if (!a.isNamed() || !(a.name().equals("depth") || a.name().equals("tc"))) {
        throw new NetworkBuildException(a.location(), "dense_cell takes depth = D and tc = T", null);
      }
      if (args.put(a.name(), intValue(eval(a.value(), scope, current), a.value().location(), "dense_cell's " + a.name()))
          != null) {
        throw new NetworkBuildException(a.location(), "'" + a.name() + "' is given twice", null);
      }
    }
    for (String needed : List.of("depth", "tc")) {
      if (!args.containsKey(needed)) {
        throw new NetworkBuildException(d.location(), "dense_cell needs " + needed, "write dense_cell(depth = D, tc = T)");
      }
    }
    long depthValue = (Long) args.get("depth");
    long tcValue = (Long) args.get("tc");
    if (depthValue < 3 || depthValue > 100_000) {
      throw new NetworkBuildException(d.location(), "dense_cell's depth is " + depthValue + (depthValue < 3
          ? ", below 3 (a cell needs layers 0, 1 and at least one that takes links)" : ", too large"), null);
    }
    if (tcValue < 0 || tcValue > Integer.MAX_VALUE) {
      throw new NetworkBuildException(d.location(), "dense_cell's tc is " + tcValue + ", out of range", null);
    }
    int depth = (int) depthValue;
    int tc = (int) tcValue;
    Map<Integer, NetworkNode.CellLayer> byIndex = new HashMap<>();
    NetworkNode.CellLayer others = null;
    NetworkNode.CellLayer lastClause = null;
    for (NetworkNode.CellLayer c : d.layers()) {
      if (c.last()) {
        lastClause = clause(lastClause, c, "last");
      } else if (c.index().isPresent()) {
        int i = c.index().getAsInt();
        if (i >= depth) {
          throw new NetworkBuildException(c.location(), "layer " + i + " of a dense cell of depth " + depth, null);
        }
        if (byIndex.put(i, c) != null) {
          throw new NetworkBuildException(c.location(), "layer " + i + " is written twice", null);
        }
      } else {
        others = clause(others, c, "layer");
      }
    }
    String prefix = scope.prefix + (label != null ? label : next(scope.prefix, "dense_cell")) + ".";
    // the width is known only once layer 0 is built; the depth alone can already be too large
    String tooLarge = LongRangeLinks.tooLarge(depth, 1, tc);
    if (tooLarge != null) {
      throw new NetworkBuildException(d.location(), tooLarge, "use a smaller depth or tc (tc = 0 takes no links)");
    }
    int[] out = new int[depth];
    int[] taken = null;
    int width = 0;
    for (int i = 0; i < depth; i++) {
      NetworkNode.CellLayer c = byIndex.get(i);
      if (c == null) {
        c = i == depth - 1 && lastClause != null ? lastClause : others;
      }
      if (c == null) {
        throw new NetworkBuildException(d.location(), "layer " + i + " of the dense cell has no clause",
            "add layer { ... } for every layer without its own, or layer " + i + " { ... }");
      }
      String layerPrefix = prefix + "layer" + i + ".";
      int x = i == 0 ? current : out[i - 1];
      Scope inner = new Scope(null, scope, scope.input, layerPrefix);
      if (i >= 2 && taken[i] > 0) {
        int[] indices = LongRangeLinks.sample(links, Math.toIntExact(LongRangeLinks.candidates(i, width)), taken[i]);
        int gather = add(inner, null, "gather", new Op.Gather(indices), c.location(), Arrays.copyOf(out, i - 1));
        x = add(inner, null, "concat", new Op.Concat(), c.location(), out[i - 1], gather);
      }
      out[i] = body(c.body(), inner, x);
      TensorShape s = b.shape(out[i]);
      if (i == 0) {
        width = s.channels();
        tooLarge = LongRangeLinks.tooLarge(depth, width, tc);
        if (tooLarge != null) {
          throw new NetworkBuildException(d.location(), tooLarge, "use a smaller depth or tc (tc = 0 takes no links)");
        }
        taken = LongRangeLinks.longRange(depth, width, tc);
      } else if (i < depth - 1 && (s.channels() != width || !sameSpatial(s, b.shape(out[0])))) {
        throw new NetworkBuildException(c.location(), "layer " + i + " of the dense cell gives " + s + ", layer 0 gave "
            + b.shape(out[0]), "every layer but the last must keep layer 0's channels and size, so that later layers"
                + " can take links from it");
      }
    }
    b.cell(new Cell.Dense(width, depth, tc, taken));
    return out[depth - 1];
  }

  private static NetworkNode.CellLayer clause(NetworkNode.CellLayer previous, NetworkNode.CellLayer c, String what) {
    if (previous != null) {
      throw new NetworkBuildException(c.location(), "the dense cell has two '" + what + "' clauses", null);
    }
    return c;
  }

  private static boolean sameSpatial(TensorShape a, TensorShape b) {
    return a.height() == b.height() && a.width() == b.width();
  }

  // ---------------------------------------------------------------------------------------------
  // Nodes, names, values

  private int add(Scope scope, String label, String kind, Op op, Location at, int... inputs) {
    String name;
    if (label != null) {
      name = scope.prefix + label;
      if (!names.add(name)) {
        throw new NetworkBuildException(at, "two layers are named '" + name + "'", "give each layer its own name");
      }
    } else {
      do {
        name = scope.prefix + next(scope.prefix, kind);
      } while (!names.add(name));
    }
    try {
      return b.add(name, op, inputs);
    } catch (IllegalArgumentException e) {
      throw new NetworkBuildException(at, e.getMessage(), null);
    }
  }

  /**
   * The next automatic name of a kind under {@code prefix}: {@code kind} for the first, then {@code
   * kind_2}, {@code kind_3}, ...
   */
  private String next(String prefix, String kind) {
    int n = counters.merge(prefix + "\u0000" + kind, 1, Integer::sum);
    return n == 1 ? kind : kind + "_" + n;
  }

  /** The value of an expression: a Long, a Double, a Boolean or a word (String). */
  private Object eval(ExprNode e, Scope scope, int current) {
    if (e instanceof ExprNode.Literal lit) {
      boolean integral = lit.text().chars().allMatch(Character::isDigit);
      return integral ? (Object) (long) lit.value() : (Object) lit.value();
    }
    if (e instanceof ExprNode.Bool bool) {
      return bool.value();
    }
    if (e instanceof ExprNode.Variable v) {
      Map<String, Object> params = scope.parameters();
      if (params.containsKey(v.name())) {
        return params.get(v.name());
      }
      if (current >= 0) {
        TensorShape s = b.shape(current);
        switch (v.name()) {
          case "in_channels":
            return (long) s.channels();
          case "in_height":
            return (long) s.height();
          case "in_width":
            return (long) s.width();
          default:
            break;
        }
      }
      return v.name();
    }
    if (e instanceof ExprNode.Negate n) {
      Object x = number(eval(n.operand(), scope, current), n.operand().location());
      return x instanceof Long l ? (Object) Math.negateExact(l) : (Object) (-((Double) x));
    }
    if (e instanceof ExprNode.Binary bin) {
      Object l = number(eval(bin.left(), scope, current), bin.left().location());
      Object r = number(eval(bin.right(), scope, current), bin.right().location());
      try {
        return arithmetic(bin.operator(), l, r, bin.location());
      } catch (ArithmeticException overflow) {
        throw new NetworkBuildException(bin.location(), bin.text() + " overflows 64-bit integers", null);
      }
    }
    ExprNode.Call call = (ExprNode.Call) e;
    List<Object> args = new ArrayList<>();
    for (ExprNode a : call.arguments()) {
      args.add(number(eval(a, scope, current), a.location()));
    }
    return function(call, args);
  }

  private static Object number(Object v, Location at) {
    if (v instanceof Long || v instanceof Double) {
      return v;
    }
    throw new NetworkBuildException(at, "expected a number, got " + describe(v),
        v instanceof String ? "'" + v + "' is not a parameter of this network or block" : null);
  }

  private static Object arithmetic(char op, Object l, Object r, Location at) {
    if (l instanceof Long a && r instanceof Long c) {
      switch (op) {
        case '+':
          return Math.addExact(a, c);
        case '-':
          return Math.subtractExact(a, c);
        case '*':
          return Math.multiplyExact(a, c);
        case '/':
          if (c == 0) {
            throw new NetworkBuildException(at, "division by zero", null);
          }
          return a % c == 0 ? (Object) (a / c) : (Object) ((double) a / c);
        default:
          if (c >= 0) {
            long p = 1;
            for (long i = 0; i < c; i++) {
              p = Math.multiplyExact(p, a);
            }
            return p;
          }
          return Math.pow(a, c);
      }
    }
    double a = ((Number) l).doubleValue();
    double c = ((Number) r).doubleValue();
    return switch (op) {
      case '+' -> a + c;
      case '-' -> a - c;
      case '*' -> a * c;
      case '/' -> {
        if (c == 0) {
          throw new NetworkBuildException(at, "division by zero", null);
        }
        yield a / c;
      }
      default -> Math.pow(a, c);
    };
  }

  private static Object function(ExprNode.Call call, List<Object> args) {
    String f = call.name();
    int arity = switch (f) {
      case "floor", "ceil", "round", "abs" -> 1;
      case "min", "max" -> 2;
      default -> throw new NetworkBuildException(call.location(), "unknown function '" + f + "'",
          "functions are floor, ceil, round, min, max, abs");
    };
    if (args.size() != arity) {
      throw new NetworkBuildException(call.location(), f + " takes " + arity + (arity == 1 ? " argument" : " arguments")
          + ", got " + args.size(), null);
    }
    double x = ((Number) args.get(0)).doubleValue();
    switch (f) {
      case "floor":
        return args.get(0) instanceof Long ? args.get(0) : (Object) (long) Math.floor(x);
      case "ceil":
        return args.get(0) instanceof Long ? args.get(0) : (Object) (long) Math.ceil(x);
      case "round":
        return args.get(0) instanceof Long ? args.get(0) : (Object) (long) Math.rint(x);
      case "abs":
        return args.get(0) instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs(x);
      default:
        Object a = args.get(0);
        Object c = args.get(1);
        if (a instanceof Long p && c instanceof Long q) {
          return f.equals("min") ? Math.min(p, q) : Math.max(p, q);
        }
        double y = ((Number) c).doubleValue();
        return f.equals("min") ? Math.min(x, y) : Math.max(x, y);
    }
  }

  /** An integer value, from a Long or from a real without fraction; an error otherwise. */
  static long intValue(Object v, Location at, String what) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d && Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      return (long) (double) d;
    }
    throw new NetworkBuildException(at, what + " is " + describe(v) + ", not an integer",
        v instanceof Double ? "use floor(...), ceil(...) or round(...) to make it one" : null);
  }

  private static long positiveInt(Object v, Location at, String what) {
    long n = intValue(v, at, what);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new NetworkBuildException(at, what + " is " + n + (n < 1 ? ", below 1" : ", too large"), null);
    }
    return n;
  }

  private static String describe(Object v) {
    if (v instanceof String s) {
      return "the word '" + s + "'";
    }
    if (v instanceof Double d) {
      return org.nnx.param.ParameterText.number(d);
    }
    return String.valueOf(v);
  }
}
