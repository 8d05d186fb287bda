package org.nnx.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nnx.block.ResolvedFile;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.Overrides;
import org.nnx.experiment.Trial;
import org.nnx.ir.Network;
import org.nnx.plugin.BuildContext;
import org.nnx.report.NetworkSummary;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;
import org.nnx.syntax.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nnx summary FILE}: each trial's network node by node (name, op, inputs, output shape,
 * parameters, FLOPs) and its totals, built as its first repeat builds it, without running anything.
 */
@Command(name = "summary", description = "Print each trial's network node by node: op, output shape, parameters and FLOPs.")
final class SummaryCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The .nnx file.")
  String file;

  @Option(names = "--only", paramLabel = "LABEL", description = "Only the trials of this architecture label.")
  String only;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Override a value before building, as nnx run --set does.")
  List<String> overrides = new ArrayList<>();

  @Mixin
  PluginOptions plugins = new PluginOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ResolvedFile resolved = plugins.kinds().resolve(Overrides.parse(overrides).apply(SourceLoader.load(file)),
          plugins.registry());
      List<Experiment> experiments = new ArrayList<>();
      Set<String> labels = new LinkedHashSet<>();
      for (ResolvedFile.Entry e : resolved.runnable()) {
        if (e.block() instanceof Experiment x) {
          experiments.add(x);
          x.trials().forEach(t -> labels.add(t.architecture()));
        }
      }
      if (only != null && !labels.contains(only)) {
        throw new UserInputException(new Diagnostic(new Location(file, 1, 1), "no architecture labelled '" + only
            + "' in this file", labels.isEmpty() ? "the file declares no architectures"
                : "labels are " + String.join(", ", labels)));
      }
      boolean first = true;
      for (Experiment x : experiments) {
        for (Trial t : x.trials()) {
          if (only != null && !only.equals(t.architecture())) {
            continue;
          }
          Network network = t.family().build(t.parameters(), new BuildContext(x.trialSeed(t.index(), 0)));
          if (!first) {
            out.println();
          }
          first = false;
          out.print(NetworkSummary.text(title(x, t), network));
        }
      }
      out.flush();
      return 0;
    } catch (UserInputException e) {
      e.diagnostics().forEach(d -> err.println(d.format()));
      return Main.BAD_INPUT;
    }
  }

  /** {@code experiment zoo, trial 3 (mlp): dense_mlp(width = 8, ...)}. */
  static String title(Experiment x, Trial t) {
    List<String> values = new ArrayList<>();
    t.parameterText().forEach((k, v) -> values.add(k + " = " + v));
    return "experiment " + x.name() + ", trial " + t.index() + " (" + t.architecture() + "): " + t.family().name()
        + "(" + String.join(", ", values) + ")";
  }
}
