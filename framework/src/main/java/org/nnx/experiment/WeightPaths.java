package org.nnx.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nnx.syntax.ArchitectureNode;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.ExperimentNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.ValueNode;
import org.nnx.weights.WeightsResolver;

/**
 * The experiment's source with the folders of its weights clauses made absolute, so that the
 * {@code experiment.nnx} of a run directory, and a trial sent to another process, find the same
 * files as the file the user ran (folders are relative to the folder of that file).
 */
final class WeightPaths {

  private WeightPaths() {}

  /** {@code node.source()} with every relative weights folder replaced by its absolute path. */
  static String absolute(ExperimentNode node, String file) {
    List<ValueNode.Text> folders = new ArrayList<>();
    for (ArchitectureNode a : node.architectures()) {
      a.weights().ifPresent(w -> {
        if (w.source() instanceof ValueNode.Text t) {
          folders.add(t);
        } else if (w.source() instanceof CallNode c && c.name().equals(WeightsResolver.NPY) && !c.arguments().isEmpty()
            && c.arguments().get(0).value() instanceof ValueNode.Text t) {
          folders.add(t);
        }
      });
    }
    String source = node.source();
    Path base = Path.of(file).toAbsolutePath().getParent();
    folders.sort(Comparator.comparingInt((ValueNode.Text t) -> t.location().line())
        .thenComparingInt(t -> t.location().column()).reversed());
    for (ValueNode.Text t : folders) {
      if (base == null || Path.of(t.value()).isAbsolute()) {
        continue;
      }
      int at = offset(source, node.location(), t.location());
      if (at < 0 || !source.startsWith(t.text(), at)) {
        continue; // the source was rewritten (--set): it keeps the folder as written
      }
      String absolute = quote(base.resolve(t.value()).normalize().toString());
      source = source.substring(0, at) + absolute + source.substring(at + t.text().length());
    }
    return source;
  }

  /** The offset in a block's source of a location in its file, or -1. */
  private static int offset(String source, Location start, Location at) {
    int line = start.line();
    int column = start.column();
    for (int i = 0; i < source.length(); i++) {
      if (line == at.line() && column == at.column()) {
        return i;
      }
      if (source.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return -1;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
