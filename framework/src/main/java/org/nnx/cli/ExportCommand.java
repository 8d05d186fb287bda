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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnx export RUN --format csv|json}: writes a run's results. */
@Command(name = "export", description = "Write a run's results as CSV or JSON (to standard output, or --to FILE).")
final class ExportCommand implements Callable<Integer> {

  /** Export formats. */
  enum Format { csv, json }

  @Parameters(paramLabel = "RUN", description = "A run name from ./nnx runs, or its folder.")
  String run;

  @Option(names = "--format", paramLabel = "csv|json", description = "Output format (default: csv).")
  Format format = Format.csv;

  @Option(names = "--to", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path to;

  @Mixin
  StoreOption store = new StoreOption();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (ResultStore s = store.open()) {
      RunRecord r = store.find(s, run);
      Path source = Path.of(r.dir(), "results." + format);
      Path partial = Path.of(r.dir(), "results.partial." + format);
      if (!Files.exists(source) && Files.exists(partial)) {
        // a run stopped before its end: what it finished, said so on the terminal and, in JSON, in the file
        source = partial;
        spec.commandLine().getErr().println("nnx: warning: run " + r.id() + " is partial (status " + r.status()
            + ", " + r.done() + " of " + r.total() + " trial repeats): exporting the rows it finished"
            + (format == Format.json ? " (marked \"partial\": true)" : "")
            + "; run its experiment again to finish it: ./nnx run " + r.file());
      } else if (!Files.exists(source)) {
        spec.commandLine().getErr().println("nnx: error: run " + r.id() + " has no results." + format
            + " (status " + r.status() + "); run its experiment again to finish it: ./nnx run " + r.file());
        return Main.FAILURE;
      }
      String text = Files.readString(source);
      if (to != null) {
        Path folder = to.toAbsolutePath().getParent();
        if (Files.isDirectory(to) || folder == null || !Files.isDirectory(folder)) {
          spec.commandLine().getErr().println("nnx: error: --to " + to + ": " + (Files.isDirectory(to)
              ? "is a folder; give a file name, e.g. --to " + to.resolve("results." + format)
              : "its folder " + folder + " does not exist; create it or choose another --to"));
          return Main.BAD_INPUT;
        }
        try {
          Files.writeString(to, text);
        } catch (IOException e) {
          spec.commandLine().getErr().println("nnx: error: cannot write --to " + to + ": " + e.getMessage()
              + " (check the path and its permissions)");
          return Main.BAD_INPUT;
        }
      } else {
        spec.commandLine().getOut().print(text);
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
}
