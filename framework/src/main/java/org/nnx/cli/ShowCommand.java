package org.nnx.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nnx.store.ResultStore;
import org.nnx.store.RunRecord;
import org.nnx.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnx show RUN}: prints a run's report. */
@Command(name = "show", description = "Print a run's report (its tables), laid out for the terminal (--markdown: as report.md).")
final class ShowCommand implements Callable<Integer> {

  @Parameters(paramLabel = "RUN", description = "A run name from ./nnx runs, or its folder.")
  String run;

  @Mixin
  StoreOption store = new StoreOption();

  @picocli.CommandLine.Option(names = "--markdown", description = "Print report.md as it is, Markdown and all.")
  boolean markdown;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (ResultStore s = store.open()) {
      RunRecord r = store.find(s, run);
      Path report = Path.of(r.dir(), "report.md");
      if (!Files.exists(report)) {
        spec.commandLine().getErr().println("nnx: error: run " + r.id() + " has no report (status " + r.status()
            + "); run its experiment again to finish it: ./nnx run " + r.file());
        return Main.FAILURE;
      }
      String text = Files.readString(report);
      spec.commandLine().getOut().print(markdown ? text : TerminalMarkdown.render(text));
      return 0;
    } catch (StoreOption.UnknownRunException e) {
      spec.commandLine().getErr().println("nnx: error: " + e.getMessage());
      return Main.BAD_INPUT;
    } catch (StoreException | IOException e) {
      spec.commandLine().getErr().println("nnx: error: " + e.getMessage());
      return Main.FAILURE;
    }
  }
}
