package org.nnx.syntax;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.nnx.grammar.NnxParser;

/**
 * Turns ANTLR's parse tree into the typed syntax tree, reporting entries that may appear only once
 * but appear twice.
 */
final class SyntaxTreeBuilder {

  private final String path;
  private final String text;
  private final List<Diagnostic> errors;

  SyntaxTreeBuilder(String path, String text, List<Diagnostic> errors) {
    this.path = path;
    this.text = text;
    this.errors = errors;
  }

  SourceFile file(NnxParser.FileContext ctx) {
    List<BlockNode> blocks = new ArrayList<>();
    for (NnxParser.BlockContext block : ctx.block()) {
      if (block instanceof NnxParser.ExperimentBlockContext e) {
        blocks.add(experiment(e));
      } else if (block instanceof NnxParser.HardwareBlockContext h) {
        blocks.add(hardware(h));
      } else if (block instanceof NnxParser.SearchBlockContext q) {
        blocks.add(search(q));
      } else if (block instanceof NnxParser.NetworkBlockContext n) {
        blocks.add(network(n));
      } else if (block instanceof NnxParser.CodesignBlockContext c) {
        blocks.add(new CodesignNode(at(c.getStart()), c.name.getText(), at(c.name.getStart()), settings(c.setting()),
            source(c)));
      }
    }
    return new SourceFile(path, text, blocks);
  }

  ValueNode standalone(NnxParser.StandaloneValueContext ctx) {
    return value(ctx.value());
  }

  private ExperimentNode experiment(NnxParser.ExperimentBlockContext ctx) {
    Map<String, Location> seen = new HashMap<>();
    ValueNode.Text title = null;
    ValueNode.Number seed = null;
    ValueNode.Number repeats = null;
    ValueNode data = null;
    List<ArchitectureNode> architectures = new ArrayList<>();
    List<SettingNode> train = new ArrayList<>();
    List<MeasureNode> measures = new ArrayList<>();
    List<CallNode> reports = new ArrayList<>();
    for (NnxParser.ExperimentEntryContext entry : ctx.experimentEntry()) {
      Location at = at(entry.getStart());
      String keyword = entry.getStart().getText();
      boolean repeatable = entry instanceof NnxParser.MeasureEntryContext
          || entry instanceof NnxParser.ReportEntryContext;
      Location first = seen.putIfAbsent(keyword, at);
      if (first != null && !repeatable) {
        errors.add(new Diagnostic(at, "duplicate '" + keyword + "' entry",
            "the first is at " + first.line() + ":" + first.column()));
        continue;
      }
      if (entry instanceof NnxParser.TitleEntryContext t) {
        title = new ValueNode.Text(at(t.STRING().getSymbol()), t.STRING().getText(), unquote(t.STRING().getText()));
      } else if (entry instanceof NnxParser.SeedEntryContext s) {
        seed = integer(s.signedInt());
      } else if (entry instanceof NnxParser.RepeatsEntryContext r) {
        repeats = integer(r.signedInt());
      } else if (entry instanceof NnxParser.DataEntryContext d) {
        data = value(d.value());
      } else if (entry instanceof NnxParser.ArchitecturesEntryContext a) {
        for (NnxParser.ArchitectureContext arch : a.architecture()) {
          Optional<ValueNode.Number> sample = arch.count == null ? Optional.empty()
              : Optional.of(new ValueNode.Number(at(arch.count), arch.count.getText(), true,
                  parseLong(arch.count.getText(), arch.count), Optional.empty()));
          Optional<ArchitectureNode.Weights> weights = arch.weights == null ? Optional.empty()
              : Optional.of(new ArchitectureNode.Weights(at(arch.load), arch.load.getType() == NnxParser.INIT,
                  value(arch.weights)));
          architectures.add(new ArchitectureNode(at(arch.getStart()), arch.label.getText(), call(arch.call()), sample,
              weights));
        }
      } else if (entry instanceof NnxParser.TrainEntryContext t) {
        for (NnxParser.SettingContext setting : t.setting()) {
          train.add(new SettingNode(at(setting.getStart()), setting.key.getText(), value(setting.value())));
        }
      } else if (entry instanceof NnxParser.MeasureEntryContext m) {
        for (NnxParser.MetricContext metric : m.metric()) {
          CallNode call = metric.call() != null ? call(metric.call()) : bareCall(metric.name);
          measures.add(new MeasureNode(call, Optional.ofNullable(metric.label).map(l -> l.getText()),
              metric.label != null ? at(metric.label.getStart()) : call.location()));
        }
      } else if (entry instanceof NnxParser.ReportEntryContext r) {
        for (NnxParser.ReportItemContext item : r.reportItem()) {
          reports.add(call(item.call()));
        }
      }
    }
    return new ExperimentNode(at(ctx.getStart()), ctx.name.getText(), at(ctx.name.getStart()),
        Optional.ofNullable(title), Optional.ofNullable(seed), Optional.ofNullable(repeats),
        Optional.ofNullable(data), List.copyOf(architectures), List.copyOf(train), List.copyOf(measures),
        List.copyOf(reports), source(ctx));
  }

  private HardwareNode hardware(NnxParser.HardwareBlockContext ctx) {
    return new HardwareNode(at(ctx.getStart()), ctx.name.getText(), at(ctx.name.getStart()), settings(ctx.setting()),
        source(ctx));
  }

  private List<SettingNode> settings(List<NnxParser.SettingContext> contexts) {
    List<SettingNode> settings = new ArrayList<>();
    for (NnxParser.SettingContext setting : contexts) {
      settings.add(new SettingNode(at(setting.getStart()), setting.key.getText(), value(setting.value())));
    }
    return List.copyOf(settings);
  }

  private SearchNode search(NnxParser.SearchBlockContext ctx) {
    Map<String, Location> seen = new HashMap<>();
    ValueNode.Text title = null;
    List<SearchNode.Variable> variables = new ArrayList<>();
    ExprNode objective = null;
    boolean maximize = false;
    List<SearchNode.Constraint> constraints = new ArrayList<>();
    ValueNode optimizer = null;
    for (NnxParser.SearchEntryContext entry : ctx.searchEntry()) {
      Location at = at(entry.getStart());
      String keyword = entry.getStart().getText();
      boolean isObjective = entry instanceof NnxParser.MinimizeEntryContext || entry instanceof NnxParser.MaximizeEntryContext;
      Location first = seen.putIfAbsent(isObjective ? "objective" : keyword, at);
      if (first != null) {
        errors.add(new Diagnostic(at, isObjective ? "a search has one objective, this is a second" : "duplicate '"
            + keyword + "' entry", "the first is at " + first.line() + ":" + first.column()));
        continue;
      }
      if (entry instanceof NnxParser.SearchTitleEntryContext t) {
        title = new ValueNode.Text(at(t.STRING().getSymbol()), t.STRING().getText(), unquote(t.STRING().getText()));
      } else if (entry instanceof NnxParser.VariablesEntryContext v) {
        for (NnxParser.VariableContext variable : v.variable()) {
          variables.add(new SearchNode.Variable(at(variable.getStart()), variable.name.getText(),
              at(variable.getToken(NnxParser.LBRACKET, 0).getSymbol()), expr(variable.lower), expr(variable.upper)));
        }
      } else if (entry instanceof NnxParser.MinimizeEntryContext m) {
        objective = expr(m.expr());
      } else if (entry instanceof NnxParser.MaximizeEntryContext m) {
        objective = expr(m.expr());
        maximize = true;
      } else if (entry instanceof NnxParser.ConstraintsEntryContext c) {
        for (NnxParser.ConstraintContext constraint : c.constraint()) {
          String relation = constraint.relation.getText();
          if (relation.equals(">") || relation.equals("<")) {
            errors.add(new Diagnostic(at(constraint.relation), "strict inequality '" + relation + "' in a constraint",
                "write " + relation + "= (constraints hold on closed sets)"));
            continue;
          }
          constraints.add(new SearchNode.Constraint(at(constraint.getStart()), expr(constraint.left), relation,
              expr(constraint.right)));
        }
      } else if (entry instanceof NnxParser.OptimizerEntryContext o) {
        optimizer = o.call() != null ? call(o.call())
            : new ValueNode.Word(at(o.ident().getStart()), o.ident().getText());
      }
    }
    return new SearchNode(at(ctx.getStart()), ctx.name.getText(), at(ctx.name.getStart()), Optional.ofNullable(title),
        List.copyOf(variables), Optional.ofNullable(objective), maximize, List.copyOf(constraints),
        Optional.ofNullable(optimizer), source(ctx));
  }

  private ExprNode expr(NnxParser.ExprContext ctx) {
    Location at = at(ctx.getStart());
    if (ctx instanceof NnxParser.PowerExprContext p) {
      return new ExprNode.Binary(at, '^', expr(p.expr(0)), expr(p.expr(1)));
    }
    if (ctx instanceof NnxParser.NegateExprContext n) {
      return new ExprNode.Negate(at, expr(n.expr()));
    }
    if (ctx instanceof NnxParser.ProductExprContext p) {
      return new ExprNode.Binary(at, p.op.getText().charAt(0), expr(p.expr(0)), expr(p.expr(1)));
    }
    if (ctx instanceof NnxParser.SumExprContext p) {
      return new ExprNode.Binary(at, p.op.getText().charAt(0), expr(p.expr(0)), expr(p.expr(1)));
    }
    if (ctx instanceof NnxParser.CallExprContext c) {
      return new ExprNode.Call(at, c.name.getText(), c.expr().stream().map(this::expr).toList());
    }
    if (ctx instanceof NnxParser.ParenExprContext p) {
      return expr(p.expr());
    }
    if (ctx instanceof NnxParser.NumberExprContext n) {
      String digits = n.getText();
      double value = n.INT() != null ? parseLong(digits, n.getStart()) : Double.parseDouble(digits);
      return new ExprNode.Literal(at, digits, value);
    }
    if (ctx instanceof NnxParser.BoolExprContext b) {
      return new ExprNode.Bool(at, b.TRUE() != null);
    }
    return new ExprNode.Variable(at, ((NnxParser.VariableExprContext) ctx).ident().getText());
  }

  private NetworkNode network(NnxParser.NetworkBlockContext ctx) {
    List<NetworkNode.Param> params = new ArrayList<>();
    if (ctx.netParams() != null) {
      for (NnxParser.NetParamContext p : ctx.netParams().netParam()) {
        params.add(new NetworkNode.Param(at(p.getStart()), p.name.getText(),
            p.expr() == null ? Optional.empty() : Optional.of(expr(p.expr()))));
      }
    }
    return new NetworkNode(ctx.kind.getText(), at(ctx.getStart()), ctx.name.getText(), at(ctx.name.getStart()),
        params, body(ctx.netBody()), source(ctx));
  }

  private List<NetworkNode.Statement> body(NnxParser.NetBodyContext ctx) {
    List<NetworkNode.Statement> out = new ArrayList<>();
    for (NnxParser.NetStatementContext s : ctx.netStatement()) {
      Location at = at(s.getStart());
      if (s instanceof NnxParser.ShapeInputContext i) {
        out.add(new NetworkNode.Input(at, i.expr().stream().map(this::expr).toList()));
      } else if (s instanceof NnxParser.VectorInputContext v) {
        out.add(new NetworkNode.Input(at, List.of(expr(v.expr()))));
      } else {
        NnxParser.StepStatementContext step = (NnxParser.StepStatementContext) s;
        Optional<String> name = step.name == null ? Optional.empty() : Optional.of(step.name.getText());
        Location nameAt = step.name == null ? at : at(step.name.getStart());
        out.add(new NetworkNode.Step(at, name, nameAt, action(step.netStep())));
      }
    }
    return out;
  }

  private NetworkNode.Action action(NnxParser.NetStepContext ctx) {
    Location at = at(ctx.getStart());
    if (ctx instanceof NnxParser.RepeatStepContext r) {
      return new NetworkNode.Repeat(at, expr(r.count), body(r.netBody()));
    }
    if (ctx instanceof NnxParser.ResidualStepContext r) {
      return new NetworkNode.Residual(at, args(r.netArgs()), body(r.netBody()));
    }
    if (ctx instanceof NnxParser.DenseCellStepContext d) {
      List<NetworkNode.CellLayer> layers = new ArrayList<>();
      for (NnxParser.CellLayerContext c : d.cellLayer()) {
        if (c instanceof NnxParser.LayerClauseContext l) {
          java.util.OptionalInt index = l.index == null ? java.util.OptionalInt.empty()
              : java.util.OptionalInt.of((int) Math.min(Integer.MAX_VALUE, parseLong(l.index.getText(), l.index)));
          layers.add(new NetworkNode.CellLayer(at(c.getStart()), index, false, body(l.netBody())));
        } else {
          layers.add(new NetworkNode.CellLayer(at(c.getStart()), java.util.OptionalInt.empty(), true,
              body(((NnxParser.LastClauseContext) c).netBody())));
        }
      }
      return new NetworkNode.DenseCell(at, args(d.netArgs()), layers);
    }
    NnxParser.LayerStepContext l = (NnxParser.LayerStepContext) ctx;
    return new NetworkNode.Layer(at, l.name.getText(), args(l.netArgs()), l.netArgs() != null,
        l.label == null ? Optional.empty() : Optional.of(l.label.getText()));
  }

  private List<NetworkNode.Arg> args(NnxParser.NetArgsContext ctx) {
    List<NetworkNode.Arg> out = new ArrayList<>();
    if (ctx != null) {
      for (NnxParser.NetArgContext a : ctx.netArg()) {
        out.add(new NetworkNode.Arg(at(a.getStart()), a.key == null ? null : a.key.getText(), expr(a.expr())));
      }
    }
    return out;
  }

  private CallNode bareCall(NnxParser.IdentContext ident) {
    return new CallNode(at(ident.getStart()), ident.getText(), ident.getText(), List.of(), false);
  }

  private CallNode call(NnxParser.CallContext ctx) {
    List<CallNode.Argument> arguments = new ArrayList<>();
    for (NnxParser.ArgumentContext arg : ctx.argument()) {
      if (arg instanceof NnxParser.NamedArgumentContext named) {
        arguments.add(new CallNode.Argument(at(named.getStart()), named.key.getText(), value(named.value())));
      } else {
        NnxParser.PositionalArgumentContext positional = (NnxParser.PositionalArgumentContext) arg;
        arguments.add(new CallNode.Argument(at(positional.getStart()), null, value(positional.value())));
      }
    }
    List<String> parts = arguments.stream()
        .map(a -> a.isNamed() ? a.name() + " = " + a.value().text() : a.value().text())
        .toList();
    String name = ctx.name.getText();
    return new CallNode(at(ctx.getStart()), name + "(" + String.join(", ", parts) + ")", name,
        List.copyOf(arguments), true);
  }

  private ValueNode value(NnxParser.ValueContext ctx) {
    Location at = at(ctx.getStart());
    if (ctx instanceof NnxParser.SetValueContext set) {
      List<ValueNode> elements = set.value().stream().map(this::value).toList();
      return new ValueNode.SetSweep(at, "{" + join(elements) + "}", elements);
    }
    if (ctx instanceof NnxParser.RangeValueContext range) {
      long from = integer(range.from).longValue();
      long to = integer(range.to).longValue();
      long step = range.step == null ? 1 : integer(range.step).longValue();
      Location stepAt = range.step == null ? at : at(range.step.getStart());
      String text = from + ".." + to + (range.step == null ? "" : " step " + step);
      return new ValueNode.RangeSweep(at, text, from, to, step, stepAt);
    }
    if (ctx instanceof NnxParser.ListValueContext list) {
      List<ValueNode> elements = list.value().stream().map(this::value).toList();
      return new ValueNode.ListOf(at, "[" + join(elements) + "]", elements);
    }
    if (ctx instanceof NnxParser.CallValueContext call) {
      return call(call.call());
    }
    if (ctx instanceof NnxParser.SumValueContext sum) {
      List<ValueNode> parts = sum.valueTerm().stream()
          .map(t -> t.call() != null ? (ValueNode) call(t.call()) : new ValueNode.Word(at(t.getStart()), t.getText()))
          .toList();
      return new ValueNode.Sum(at, String.join(" + ", parts.stream().map(ValueNode::text).toList()), parts);
    }
    if (ctx instanceof NnxParser.NumberValueContext number) {
      ValueNode.Number n = number(number.number());
      if (number.unit() == null) {
        return n;
      }
      String unit = number.unit().getText();
      return new ValueNode.Number(at, n.text() + " " + unit, n.integral(), n.value(), Optional.of(unit));
    }
    if (ctx instanceof NnxParser.StringValueContext string) {
      return new ValueNode.Text(at, string.getText(), unquote(string.getText()));
    }
    if (ctx instanceof NnxParser.BoolValueContext bool) {
      return new ValueNode.Bool(at, bool.getText(), bool.TRUE() != null);
    }
    return new ValueNode.Word(at, ctx.getText());
  }

  private ValueNode.Number number(NnxParser.NumberContext ctx) {
    boolean negative = ctx.MINUS() != null;
    Token digits = ctx.INT() != null ? ctx.INT().getSymbol() : ctx.FLOAT().getSymbol();
    boolean integral = ctx.INT() != null;
    String text = (negative ? "-" : "") + digits.getText();
    double value = integral ? parseLong(text, ctx.getStart()) : Double.parseDouble(text);
    return new ValueNode.Number(at(ctx.getStart()), text, integral, value, Optional.empty());
  }

  private ValueNode.Number integer(NnxParser.SignedIntContext ctx) {
    String text = (ctx.MINUS() != null ? "-" : "") + ctx.INT().getText();
    return new ValueNode.Number(at(ctx.getStart()), text, true, parseLong(text, ctx.getStart()), Optional.empty());
  }

  private long parseLong(String text, Token at) {
    try {
      long v = Long.parseLong(text);
      if (Math.abs(v) > (1L << 53)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      errors.add(new Diagnostic(at(at), "integer " + text + " is too large", "integers must be within ±2^53"));
      return 0;
    }
  }

  private static String join(List<ValueNode> elements) {
    return String.join(", ", elements.stream().map(ValueNode::text).toList());
  }

  private static String unquote(String quoted) {
    String body = quoted.substring(1, quoted.length() - 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char next = body.charAt(++i);
        out.append(switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> next;
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private String source(ParserRuleContext ctx) {
    return ctx.getStart().getInputStream().getText(
        Interval.of(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex()));
  }

  private Location at(Token token) {
    return SourceParser.locate(path, token);
  }
}
