package org.nnx.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nnx.report.CsvTable;
import org.nnx.report.ResultTable;
import org.nnx.report.TextTable;
import org.nnx.store.ResultStore;
import org.nnx.store.RunRecord;
import org.nnx.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nnx compare RUN1 RUN2}: the metric differences of two runs, trial repeat by trial repeat.
 * Rows are matched by architecture label, parameters and repeat (not by position or seed), so two
 * runs of different experiments can be compared where they overlap.
 */
@Command(name = "compare", description = "Show the metric values that differ between two runs (RUN2 - RUN1); --all lists the same ones too.")
final class CompareCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "RUN1")
  String first;

  @Parameters(index = "1", paramLabel = "RUN2")
  String second;

  @Mixin
  StoreOption store = new StoreOption();

  @picocli.CommandLine.Option(names = "--all", description = "Also list the values that are the same in both runs.")
  boolean all;

  @picocli.CommandLine.Option(names = "--metric", paramLabel = "NAME",
      description = "Only these metric columns (repeatable), e.g. --metric test_accuracy.")
  List<String> only = new ArrayList<>();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (ResultStore s = store.open()) {
      RunRecord a = store.find(s, first);
      RunRecord b = store.find(s, second);
      Map<String, Map<String, String>> rowsA = keyed(a);
      Map<String, Map<String, String>> rowsB = keyed(b);
      List<String> metrics = new ArrayList<>(metrics(a));
      metrics.retainAll(metrics(b));
      List<List<String>> out = new ArrayList<>();
      int unmatched = 0;
      int same = 0;
      for (Map.Entry<String, Map<String, String>> e : rowsA.entrySet()) {
        Map<String, String> other = rowsB.get(e.getKey());
        if (other == null) {
          unmatched++;
          continue;
        }
        for (String m : metrics) {
          if (!only.isEmpty() && !only.contains(m)) {
            continue;
          }
          String x = e.getValue().getOrDefault(m, "");
          String y = other.getOrDefault(m, "");
          if (x.equals(y) && !all) {
            same++;
            continue;
          }
          out.add(List.of(e.getKey(), m, x, y, difference(x, y)));
        }
      }
      unmatched += (int) rowsB.keySet().stream().filter(k -> !rowsA.containsKey(k)).count();
      if (!only.isEmpty() && !metrics.containsAll(only)) {
        List<String> unknown = new ArrayList<>(only);
        unknown.removeAll(metrics);
        spec.commandLine().getErr().println("nnx: error: --metric " + String.join(", ", unknown)
            + ": not measured by both runs (they share " + String.join(", ", metrics) + ")");
        return Main.BAD_INPUT;
      }
      if (out.isEmpty()) {
        spec.commandLine().getOut().println("no differences" + (same > 0 ? " (" + same + " values are the same in both"
            + " runs; --all lists them)" : ""));
      } else {
        spec.commandLine().getOut().print(TextTable.plain(ResultTable.ofCells(
            List.of("trial", "metric", a.id(), b.id(), "difference"), out)));
        if (same > 0) {
          spec.commandLine().getOut().println(same + (same == 1 ? " value is" : " values are")
              + " the same in both runs (--all lists them too)");
        }
      }
      if (unmatched > 0) {
        spec.commandLine().getOut().println(unmatched + " trial repeats appear in only one of the runs");
      }
      return 0;
    } catch (StoreOption.UnknownRunException e) {
      spec.commandLine().getErr().println("nnx: error: " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (StoreException | IOException e) {
      spec.commandLine().getErr().println("nnx: error: " + e.getMessage());
      return Main.FAILURE;
    }
  }

  private static String difference(String x, String y) {
    try {
      return ResultTable.format(Double.parseDouble(y) - Double.parseDouble(x));
    } catch (NumberFormatException e) {
      return x.equals(y) ? "same" : "differs";
    }
  }

  /** The metric columns a run measured (from its run.json). */
  private static List<String> metrics(RunRecord run) throws IOException {
    Path manifest = Path.of(run.dir(), "run.json");
    if (!Files.exists(manifest)) {
      throw new IOException("run " + run.id() + " has no run.json (status " + run.status() + ")");
    }
    Matcher m = Pattern.compile("\"metrics\": \\[([^\\]]*)]").matcher(Files.readString(manifest));
    List<String> out = new ArrayList<>();
    if (m.find()) {
      Matcher name = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(1));
      while (name.find()) {
        out.add(name.group(1));
      }
    }
    return out;
  }

  /** Rows keyed by "label(parameters) #repeat", parameters being every non-empty parameter cell. */
  private static Map<String, Map<String, String>> keyed(RunRecord run) throws IOException {
    Path csv = Path.of(run.dir(), "results.csv");
    if (!Files.exists(csv)) {
      throw new IOException("run " + run.id() + " has no results.csv (status " + run.status() + ")");
    }
    List<String> metricColumns = metrics(run);
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Map<String, String> row : CsvTable.read(csv)) {
      List<String> params = new ArrayList<>();
      row.forEach((column, value) -> {
        boolean key = !List.of("trial", "architecture", "repeat", "seed").contains(column)
            && !metricColumns.contains(column) && !value.isEmpty();
        if (key) {
          params.add(column + "=" + value);
        }
      });
      out.put(row.get("architecture") + "(" + String.join(", ", params) + ") #" + row.get("repeat"), row);
    }
    return out;
  }
}
