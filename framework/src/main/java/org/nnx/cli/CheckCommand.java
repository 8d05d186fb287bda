package org.nnx.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nnx.block.BlockKind;
import org.nnx.block.BlockKinds;
import org.nnx.block.ResolvedFile;
import org.nnx.experiment.Overrides;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.UserInputException;
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

  @Mixin
  DataOptions data = new DataOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PluginRegistry registry = plugins.registry();
    BlockKinds kinds = plugins.kinds();
    org.nnx.data.DataLocations locations = data.locations();
    List<Diagnostic> all = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    for (String file : files) {
      try {
        ResolvedFile resolved = kinds.resolve(Overrides.parse(overrides).apply(SourceLoader.load(file)), registry);
        for (ResolvedFile.Entry e : resolved.runnable()) {
          out.println(file + ": " + describe(e.kind(), e.block()) + ": ok");
          warnings.addAll(e.missingInputs(locations));
        }
      } catch (UserInputException e) {
        all.addAll(e.diagnostics());
      }
    }
    // the file is right, but nnx run on this machine would refuse it until the data is there
    warnings.forEach(d -> err.println(d.formatWarning() + " (nnx run refuses it until then)"));
    all.forEach(d -> err.println(d.format()));
    return all.isEmpty() ? 0 : Main.BAD_INPUT;
  }

  @SuppressWarnings("unchecked")
  private static <B extends org.nnx.block.Block> String describe(BlockKind<?, B> kind, org.nnx.block.Block block) {
    return kind.describe((B) block);
  }
}
