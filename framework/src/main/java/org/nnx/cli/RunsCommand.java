package org.nnx.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nnx.report.ResultTable;
import org.nnx.report.TextTable;
import org.nnx.store.ResultStore;
import org.nnx.store.RunRecord;
import org.nnx.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code nnx runs}: the runs recorded in the result store. */
@Command(name = "runs", description = "List recorded runs: name, date, trials done/total, status.")
final class RunsCommand implements Callable<Integer> {

  @Mixin
  StoreOption store = new StoreOption();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (ResultStore s = store.open()) {
      List<List<String>> rows = new ArrayList<>();
      for (RunRecord r : s.runs()) {
        rows.add(List.of(r.id(), r.kind(), r.experiment(), r.started().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
            r.done() + "/" + r.total(), r.status(), r.dir()));
      }
      out.print(TextTable.plain(ResultTable.ofCells(List.of("run", "kind", "name", "started", "trials", "status",
          "folder"), rows)));
      return 0;
    } catch (StoreException e) {
      spec.commandLine().getErr().println("nnx: error: " + e.getMessage());
      return Main.FAILURE;
    }
  }
}
