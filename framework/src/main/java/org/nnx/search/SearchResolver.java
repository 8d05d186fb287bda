package org.nnx.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nnx.optimize.Optimizer;
import org.nnx.param.Parameters;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ExprNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.SearchNode;
import org.nnx.syntax.SourceFile;
import org.nnx.syntax.Suggestions;
import org.nnx.syntax.ValueNode;
import org.nnx.param.ValueChecker;
import org.nnx.syntax.DiagnosticCollector;

/**
 * Checks a {@code search NAME { ... }} block: at least one variable, constant and ordered bounds, an objective, expressions over
 * the declared variables and known functions, and a registered optimizer with valid options.
 */
public final class SearchResolver {

  /** The optimizer a search without an {@code optimizer} entry uses. */
  public static final String DEFAULT_OPTIMIZER = "shgo";

  private final PluginRegistry registry;

  SearchResolver(PluginRegistry registry) {
    this.registry = registry;
  }

  /** The checked search, or {@code null} when it has errors (all reported). */
  Search resolve(SourceFile file, SearchNode node, DiagnosticCollector diagnostics) {
    List<Diagnostic> errors = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Map<String, Location> declared = new HashMap<>();
    for (SearchNode.Variable v : node.variables()) {
      Location first = declared.putIfAbsent(v.name(), v.location());
      if (first != null) {
        errors.add(new Diagnostic(v.location(), "duplicate variable '" + v.name() + "'",
            "the first is at " + first.line() + ":" + first.column()));
      } else {
        names.add(v.name());
      }
    }
    if (node.variables().isEmpty()) {
      errors.add(new Diagnostic(node.location(), "search '" + node.name() + "' has no variables",
          "add variables { x in [lower, upper] }"));
    }
    double[] lower = new double[names.size()];
    double[] upper = new double[names.size()];
    ExpressionCompiler constants = new ExpressionCompiler(List.of());
    int index = 0;
    for (SearchNode.Variable v : node.variables()) {
      if (declared.get(v.name()) != v.location()) {
        continue;
      }
      Double lo = bound(v.lower(), names, constants, errors);
      Double hi = bound(v.upper(), names, constants, errors);
      if (lo != null && hi != null && lo > hi) {
        errors.add(new Diagnostic(v.bracket(), "the lower bound of '" + v.name() + "' is above its upper bound ("
            + v.lower().text() + " > " + v.upper().text() + ")",
            "write " + v.name() + " in [" + v.upper().text() + ", " + v.lower().text() + "]"));
      }
      lower[index] = lo == null ? 0 : lo;
      upper[index] = hi == null ? 0 : hi;
      index++;
    }
    ExpressionCompiler compiler = new ExpressionCompiler(names);
    Expression objective = null;
    if (node.objective().isEmpty()) {
      errors.add(new Diagnostic(node.location(), "search '" + node.name() + "' has no objective",
          "add minimize EXPRESSION or maximize EXPRESSION"));
    } else {
      objective = compiler.compile(node.objective().get(), errors);
    }
    List<SearchConstraint> constraints = new ArrayList<>();
    for (SearchNode.Constraint c : node.constraints()) {
      ExprNode g = c.relation().equals("<=") ? new ExprNode.Binary(c.location(), '-', c.right(), c.left())
          : new ExprNode.Binary(c.location(), '-', c.left(), c.right());
      Expression compiled = compiler.compile(g, errors);
      if (compiled != null) {
        constraints.add(new SearchConstraint(c.text(), compiled, c.relation().equals("==")));
      }
    }
    errors.forEach(d -> diagnostics.error(d.location(), d.message(), d.hint()));
    OptimizerChoice choice = optimizer(node, diagnostics);
    if (!errors.isEmpty() || choice == null) {
      return null;
    }
    String title = node.title().map(ValueNode.Text::value).orElse(node.name());
    return new Search(node.name(), title, names, lower, upper, objective, node.maximize(), constraints,
        choice.optimizer(), choice.name(), choice.options(), node.source(), file.path(), node.location());
  }

  /** A bound's value: a constant expression, finite. */
  private static Double bound(ExprNode e, List<String> variables, ExpressionCompiler constants,
      List<Diagnostic> errors) {
    List<ExprNode.Variable> used = new ArrayList<>();
    collectVariables(e, used);
    boolean ok = true;
    for (ExprNode.Variable v : used) {
      if (variables.contains(v.name())) {
        errors.add(new Diagnostic(v.location(), "a bound cannot depend on the variable '" + v.name() + "'",
            "bounds are numbers or constant expressions; write the dependency as a constraint in subject to { }"));
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    Expression c = constants.compile(e, errors);
    if (c == null) {
      return null;
    }
    double v = c.evaluate(new double[0]);
    if (!Double.isFinite(v)) {
      errors.add(new Diagnostic(e.location(), "the bound " + e.text() + " is not finite (" + v + ")",
          "bounds must be finite numbers"));
      return null;
    }
    return v;
  }

  private static void collectVariables(ExprNode e, List<ExprNode.Variable> out) {
    if (e instanceof ExprNode.Variable v) {
      out.add(v);
    } else if (e instanceof ExprNode.Negate n) {
      collectVariables(n.operand(), out);
    } else if (e instanceof ExprNode.Binary b) {
      collectVariables(b.left(), out);
      collectVariables(b.right(), out);
    } else if (e instanceof ExprNode.Call c) {
      c.arguments().forEach(a -> collectVariables(a, out));
    }
  }

  /** A resolved {@code optimizer = NAME(options)}. */
  public record OptimizerChoice(String name, Optimizer optimizer, Parameters options) {}

  private OptimizerChoice optimizer(SearchNode node, DiagnosticCollector diagnostics) {
    return optimizer(registry, node.optimizer(), node.location(), "search '" + node.name() + "'", diagnostics);
  }

  /**
   * Resolves an {@code optimizer} value: a registered optimizer's name, bare or called with options
   * (checked against its specs); {@link #DEFAULT_OPTIMIZER} when absent.
   *
   * @param what how the block is named in messages, e.g. {@code search 's'}
   * @return the optimizer, or {@code null} after reporting errors
   */
  public static OptimizerChoice optimizer(PluginRegistry registry, Optional<ValueNode> written, Location blockAt,
      String what, DiagnosticCollector diagnostics) {
    String name;
    Location at;
    List<CallNode.Argument> arguments;
    if (written.isEmpty()) {
      name = DEFAULT_OPTIMIZER;
      at = blockAt;
      arguments = List.of();
      if (!registry.optimizers().containsKey(name)) {
        diagnostics.error(at, what + " names no optimizer and shgo is not installed",
            registry.optimizers().isEmpty() ? "no optimizer is registered; see ./nnx plugins"
                : "add optimizer = " + String.join(" or ", registry.optimizers().keySet()));
        return null;
      }
    } else if (written.get() instanceof CallNode call) {
      name = call.name();
      at = call.location();
      arguments = call.arguments();
    } else if (written.get() instanceof ValueNode.Word w) {
      name = w.text();
      at = w.location();
      arguments = List.of();
    } else {
      ValueNode v = written.get();
      diagnostics.error(v.location(), "optimizer must name an optimizer, got " + v.text(),
          "e.g. optimizer = shgo(n = 64, sampling = sobol)");
      return null;
    }
    Optimizer optimizer = registry.optimizers().get(name);
    if (optimizer == null) {
      String hint = Suggestions.didYouMean(name, registry.optimizers().keySet());
      diagnostics.error(at, "unknown optimizer '" + name + "'", hint != null ? hint
          : registry.optimizers().isEmpty() ? "no optimizer is registered; see ./nnx plugins"
          : "optimizers: " + String.join(", ", registry.optimizers().keySet()));
      return null;
    }
    Parameters options = new ValueChecker(new IdentityHashMap<>(), diagnostics)
        .checkArguments(name, at, arguments, optimizer.parameters());
    return options == null ? null : new OptimizerChoice(name, optimizer, options);
  }
}
