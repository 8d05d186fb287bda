package org.nnx.experiment;

import java.util.ArrayList;
import java.util.List;
import org.nnx.experiment.Experiment;
import org.nnx.param.ParameterText;
import org.nnx.report.TrialResult;

/**
 * {@code results.csv}: one row per trial and repeat, in trial order; columns {@code trial,
 * architecture, repeat, seed}, every architecture parameter, every swept training setting, then every
 * metric column. Numbers are
 * written in full precision, per-cell lists as {@code a;b;c}; cells are quoted as RFC 4180 says.
 */
public final class ResultsCsv {

  private ResultsCsv() {}

  /** The file's text. */
  public static String write(Experiment experiment, List<TrialResult> results) {
    List<String> columns = experiment.columns();
    StringBuilder out = new StringBuilder();
    line(out, columns);
    for (TrialResult r : results) {
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(r.trial()));
      cells.add(r.architecture());
      cells.add(Integer.toString(r.repeat()));
      cells.add(Long.toString(r.seed()));
      for (String p : experiment.settingColumns()) {
        cells.add(r.parameters().getOrDefault(p, ""));
      }
      for (String m : experiment.metricColumns()) {
        Object v = r.values().get(m);
        cells.add(v == null ? "" : exact(v));
      }
      line(out, cells);
    }
    return out.toString();
  }

  private static String exact(Object v) {
    if (v instanceof List<?> list) {
      return String.join(";", list.stream().map(ResultsCsv::exact).toList());
    }
    if (v instanceof Double d) {
      return ParameterText.number(d);
    }
    return String.valueOf(v);
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String c = cells.get(i);
      if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
        out.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        out.append(c);
      }
    }
    out.append('\n');
  }
}
