package org.nnx.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nnx.syntax.ArchitectureNode;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ExperimentNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.SourceFile;
import org.nnx.syntax.SourceParser;
import org.nnx.syntax.SettingNode;
import org.nnx.syntax.SourcePrinter;
import org.nnx.syntax.ValueNode;
import org.nnx.syntax.UserInputException;

/**
 * Values given on the command line with {@code --set NAME=VALUE}, applied to every experiment of a
 * file: {@code seed=N}, {@code repeats=K}, {@code title="..."}, {@code train.KEY=VALUE} for a
 * {@code train} setting, {@code data=NAME(...)} or {@code data.OPTION=VALUE} for the data set, or
 * {@code LABEL.PARAM=VALUE} for a parameter of the architecture labelled {@code LABEL} (each added
 * when the file omits it). Values are
 * written as in {@code .nnx} files, so sweeps are allowed: {@code --set net.depth={8,16}}.
 */
public final class Overrides {

  private record Override(String name, ValueNode value, Location at) {}

  private final List<Override> overrides;

  private Overrides(List<Override> overrides) {
    this.overrides = overrides;
  }

  /**
   * Parses {@code NAME=VALUE} strings.
   *
   * @throws UserInputException for a malformed assignment or value; locations name {@code --set NAME}
   */
  public static Overrides parse(List<String> assignments) throws UserInputException {
    List<Override> out = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      String origin = "--set " + (eq > 0 ? assignment.substring(0, eq) : assignment);
      Location at = new Location(origin, 1, 1);
      if (eq <= 0) {
        errors.add(new Diagnostic(at, "expected NAME=VALUE, got '" + assignment + "'", "e.g. --set seed=3"));
        continue;
      }
      String name = assignment.substring(0, eq).strip();
      SourceParser.ValueResult value = SourceParser.parseValue(origin, assignment.substring(eq + 1));
      if (!value.errors().isEmpty()) {
        errors.addAll(value.errors());
        continue;
      }
      boolean known = name.equals("seed") || name.equals("repeats") || name.equals("title") || name.equals("data")
          || name.matches("[A-Za-z_][A-Za-z_0-9]*\\.[A-Za-z_][A-Za-z_0-9]*");
      if (!known) {
        errors.add(new Diagnostic(at, "cannot set '" + name + "'",
            "set seed, repeats, title, train.KEY, data, data.OPTION or LABEL.PARAM"));
        continue;
      }
      out.add(new Override(name, value.value(), at));
    }
    if (!errors.isEmpty()) {
      throw new UserInputException(errors);
    }
    return new Overrides(out);
  }

  /**
   * Applies the overrides to every experiment of {@code file}; an experiment that changes gets a
   * canonical source text with the overrides in it.
   *
   * @throws UserInputException if a value has the wrong kind or a label matches no architecture
   */
  public SourceFile apply(SourceFile file) throws UserInputException {
    if (overrides.isEmpty()) {
      return file;
    }
    List<Diagnostic> errors = new ArrayList<>();
    for (Override o : overrides) {
      if (o.name().contains(".") && !o.name().startsWith("train.") && !o.name().startsWith("data.")) {
        String label = o.name().substring(0, o.name().indexOf('.'));
        boolean found = file.blocks(ExperimentNode.class).stream()
            .anyMatch(e -> e.architectures().stream().anyMatch(a -> a.label().equals(label)));
        if (!found) {
          errors.add(new Diagnostic(o.at(), "no architecture labelled '" + label + "'",
              "use LABEL.PARAM with a label from the architectures block"));
        }
      }
    }
    SourceFile out = file;
    for (ExperimentNode e : file.blocks(ExperimentNode.class)) {
      ExperimentNode changed = e;
      for (Override o : overrides) {
        changed = apply(changed, o, errors);
      }
      if (changed != e) {
        out = out.replace(e, withSource(changed));
      }
    }
    if (!errors.isEmpty()) {
      throw new UserInputException(errors);
    }
    return out;
  }

  private static ExperimentNode apply(ExperimentNode e, Override o, List<Diagnostic> errors) {
    switch (o.name()) {
      case "seed", "repeats" -> {
        if (!(o.value() instanceof ValueNode.Number n) || !n.integral() || n.unit().isPresent()) {
          errors.add(new Diagnostic(o.at(), o.name() + " must be an integer, got " + o.value().text(), null));
          return e;
        }
        return o.name().equals("seed")
            ? new ExperimentNode(e.location(), e.name(), e.nameLocation(), e.title(), Optional.of(n), e.repeats(),
                e.data(), e.architectures(), e.train(), e.measures(), e.reports(), e.source())
            : new ExperimentNode(e.location(), e.name(), e.nameLocation(), e.title(), e.seed(), Optional.of(n),
                e.data(), e.architectures(), e.train(), e.measures(), e.reports(), e.source());
      }
      case "title" -> {
        ValueNode v = o.value();
        String text = v instanceof ValueNode.Text t ? t.value() : v.text();
        ValueNode.Text title = new ValueNode.Text(v.location(), quote(text), text);
        return new ExperimentNode(e.location(), e.name(), e.nameLocation(), Optional.of(title), e.seed(), e.repeats(),
            e.data(), e.architectures(), e.train(), e.measures(), e.reports(), e.source());
      }
      case "data" -> {
        return new ExperimentNode(e.location(), e.name(), e.nameLocation(), e.title(), e.seed(), e.repeats(),
            Optional.of(o.value()), e.architectures(), e.train(), e.measures(), e.reports(), e.source());
      }
      default -> {
        if (o.name().startsWith("train.")) {
          String key = o.name().substring("train.".length());
          List<SettingNode> train = new ArrayList<>();
          boolean replaced = false;
          for (SettingNode setting : e.train()) {
            boolean match = setting.key().equals(key);
            train.add(match ? new SettingNode(o.at(), key, o.value()) : setting);
            replaced |= match;
          }
          if (!replaced) {
            train.add(new SettingNode(o.at(), key, o.value()));
          }
          return new ExperimentNode(e.location(), e.name(), e.nameLocation(), e.title(), e.seed(), e.repeats(),
              e.data(), e.architectures(), List.copyOf(train), e.measures(), e.reports(), e.source());
        }
        if (o.name().startsWith("data.")) {
          if (e.data().isEmpty()) {
            errors.add(new Diagnostic(o.at(), "experiment " + e.name() + " has no data to set an option of",
                "set the data set itself: --set data=NAME(...)"));
            return e;
          }
          ValueNode data = e.data().get();
          CallNode call = data instanceof CallNode c ? c
              : new CallNode(data.location(), data.text() + "()", data.text(), List.of(), true);
          CallNode changed = set(call, o.name().substring("data.".length()), o);
          return new ExperimentNode(e.location(), e.name(), e.nameLocation(), e.title(), e.seed(), e.repeats(),
              Optional.of(changed), e.architectures(), e.train(), e.measures(), e.reports(), e.source());
        }
        String label = o.name().substring(0, o.name().indexOf('.'));
        String param = o.name().substring(o.name().indexOf('.') + 1);
        List<ArchitectureNode> archs = new ArrayList<>();
        for (ArchitectureNode a : e.architectures()) {
          archs.add(a.label().equals(label) ? a.withFamily(set(a.family(), param, o)) : a);
        }
        return new ExperimentNode(e.location(), e.name(), e.nameLocation(), e.title(), e.seed(), e.repeats(),
            e.data(), List.copyOf(archs), e.train(), e.measures(), e.reports(), e.source());
      }
    }
  }

  private static CallNode set(CallNode call, String param, Override o) {
    List<CallNode.Argument> args = new ArrayList<>();
    boolean replaced = false;
    for (CallNode.Argument a : call.arguments()) {
      if (param.equals(a.name())) {
        args.add(new CallNode.Argument(o.at(), param, o.value()));
        replaced = true;
      } else {
        args.add(a);
      }
    }
    if (!replaced) {
      args.add(new CallNode.Argument(o.at(), param, o.value()));
    }
    List<String> parts = args.stream().map(a -> a.isNamed() ? a.name() + " = " + a.value().text() : a.value().text()).toList();
    return new CallNode(call.location(), call.name() + "(" + String.join(", ", parts) + ")", call.name(),
        List.copyOf(args), true);
  }

  private static ExperimentNode withSource(ExperimentNode e) {
    return new ExperimentNode(e.location(), e.name(), e.nameLocation(), e.title(), e.seed(), e.repeats(), e.data(),
        e.architectures(), e.train(), e.measures(), e.reports(), SourcePrinter.print(e));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
