package org.nnx.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.ExperimentResolver;
import org.nnx.experiment.Overrides;
import org.nnx.experiment.ResolvedFile;
import org.nnx.codesign.Codesign;
import org.nnx.search.Search;
import org.nnx.experiment.UserInputException;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnx check FILE...}: validates files without running them. */
@Command(name = "check", description = "Check .nnx files without running them (exit 2 on any error).")
final class CheckCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .nnx files to check.")
  List<String> files;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Check with a value overridden, as nnx run --set does (applied to every FILE).")
  List<String> overrides = new ArrayList<>();

  @Mixin
  PluginOptions plugins = new PluginOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PluginRegistry registry = plugins.registry();
    List<Diagnostic> all = new ArrayList<>();
    for (String file : files) {
      try {
        ResolvedFile resolved = new ExperimentResolver(registry)
            .resolveFile(Overrides.parse(overrides).apply(SourceLoader.load(file)));
        for (Experiment e : resolved.experiments()) {
          out.println(file + ": experiment " + e.name() + ": " + e.trials().size() + " trials x " + e.repeats()
              + (e.repeats() == 1 ? " repeat" : " repeats") + ", " + e.metrics().size() + " metrics: ok");
        }
        for (Codesign c : resolved.codesigns()) {
          out.println(file + ": codesign " + c.name() + ": " + String.format(java.util.Locale.ROOT, "%.4g",
              (double) c.architecture().configurations() * c.hardware().configurations()) + " designs, "
              + c.samples().trials().size() + " samples from " + c.samples().name() + ", optimizer " + c.optimizerName()
              + ": ok");
        }
        for (Search s : resolved.searches()) {
          out.println(file + ": search " + s.name() + ": " + s.variables().size()
              + (s.variables().size() == 1 ? " variable, " : " variables, ") + s.constraints().size()
              + (s.constraints().size() == 1 ? " constraint" : " constraints") + ", optimizer " + s.optimizerName()
              + ": ok");
        }
      } catch (UserInputException e) {
        all.addAll(e.diagnostics());
      }
    }
    all.forEach(d -> err.println(d.format()));
    return all.isEmpty() ? 0 : Main.BAD_INPUT;
  }
}
