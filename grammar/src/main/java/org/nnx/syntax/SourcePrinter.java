package org.nnx.syntax;

import java.util.List;

/** Prints an experiment in canonical {@code .nnx} form; parsing the output gives the same tree. */
public final class SourcePrinter {

  private SourcePrinter() {}

  /** The experiment as {@code .nnx} text (comments are not kept). */
  public static String print(ExperimentNode e) {
    StringBuilder out = new StringBuilder();
    out.append("experiment ").append(e.name()).append(" {\n");
    e.title().ifPresent(t -> out.append("  title ").append(t.text()).append('\n'));
    e.seed().ifPresent(s -> out.append("  seed ").append(s.text()).append('\n'));
    e.repeats().ifPresent(r -> out.append("  repeats ").append(r.text()).append('\n'));
    e.data().ifPresent(d -> out.append("  data ").append(d.text()).append('\n'));
    if (!e.architectures().isEmpty()) {
      out.append("  architectures {\n");
      for (ArchitectureNode a : e.architectures()) {
        out.append("    ").append(a.text()).append('\n');
      }
      out.append("  }\n");
    }
    if (!e.train().isEmpty()) {
      out.append("  train {\n");
      for (SettingNode s : e.train()) {
        out.append("    ").append(s.key()).append(" = ").append(s.value().text()).append('\n');
      }
      out.append("  }\n");
    }
    if (!e.measures().isEmpty()) {
      out.append("  measure ").append(String.join(", ", e.measures().stream().map(MeasureNode::text).toList()))
          .append('\n');
    }
    if (e.reports().size() == 1) {
      out.append("  report ").append(e.reports().get(0).text()).append('\n');
    } else if (!e.reports().isEmpty()) {
      out.append("  report {\n");
      for (CallNode r : e.reports()) {
        out.append("    ").append(r.text()).append('\n');
      }
      out.append("  }\n");
    }
    return out.append("}\n").toString();
  }

  /** The hardware block as {@code .nnx} text, one setting per line (comments are not kept). */
  public static String print(HardwareNode h) {
    StringBuilder out = new StringBuilder();
    out.append("hardware ").append(h.name()).append(" {\n");
    for (SettingNode s : h.settings()) {
      out.append("  ").append(s.key()).append(" = ").append(s.value().text()).append('\n');
    }
    return out.append("}\n").toString();
  }
}
