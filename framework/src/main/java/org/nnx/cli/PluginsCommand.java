package org.nnx.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nnx.block.ResolvedFile;
import org.nnx.network.NetworkFamily;
import org.nnx.param.ParameterSpec;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnx plugins}: every registered name with its description and parameters. */
@Command(name = "plugins", description = "List plugins and every metric, architecture family and data set they register.")
final class PluginsCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "FILE",
      description = "Also list the networks this .nnx file defines, with their parameters.")
  String file;

  @Mixin
  PluginOptions plugins = new PluginOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PluginRegistry registry = plugins.registry();
    out.println("Plugins:");
    for (NnxPlugin p : registry.plugins()) {
      out.println("  " + p.name() + " " + p.version());
    }
    section(out, "Architecture families", registry.families(), f -> f.description(), f -> f.parameters());
    if (file != null) {
      Map<String, NetworkFamily> networks = new java.util.LinkedHashMap<>();
      try {
        ResolvedFile resolved = plugins.kinds().resolve(SourceLoader.load(file), registry, false);
        resolved.blocks(NetworkFamily.class).forEach(n -> networks.put(n.name(), n));
      } catch (UserInputException e) {
        e.diagnostics().forEach(d -> spec.commandLine().getErr().println(d.format()));
        return Main.BAD_INPUT;
      }
      section(out, "Networks of " + file, networks, f -> f.description(), f -> f.parameters());
    }
    section(out, "Metrics", registry.metrics(), m -> m.description(), m -> m.parameters());
    section(out, "Data sets", registry.datasets(), d -> d.description(), d -> d.parameters());
    section(out, "Optimizers", registry.optimizers(), o -> o.description(), o -> o.parameters());
    section(out, "Trainer (train { NAME = ..., ... })", registry.trainer().map(t -> Map.of(t.name(), t)).orElse(Map.of()),
        t -> "trains every network; its settings:", t -> t.parameters());
    section(out, "Training settings from plugins (train { NAME = ... })", registry.trainingInputs(),
        i -> i.description() + " (" + i.type().describe() + ")", i -> List.of());
    section(out, "Hardware kinds (hardware NAME { kind = KIND, ... })", registry.hardware(), h -> h.description(),
        h -> h.parameters());
    section(out, "Trial executors (nnx run --executor NAME)", registry.executors(), e -> e.description(),
        e -> List.of());
    return 0;
  }

  private static <T> void section(PrintWriter out, String title, Map<String, T> items,
      java.util.function.Function<T, String> description, java.util.function.Function<T, List<ParameterSpec>> parameters) {
    out.println();
    out.println(title + ":");
    if (items.isEmpty()) {
      out.println("  (none)");
    }
    items.forEach((name, item) -> {
      out.println("  " + name + " - " + description.apply(item));
      parameters(out, parameters.apply(item), "      ");
    });
  }

  /** Each parameter, and under a choice of records (adam(...), pcm(...)) each record's own parameters. */
  private static void parameters(PrintWriter out, List<ParameterSpec> specs, String indent) {
    for (ParameterSpec p : specs) {
      String unit = p.type() instanceof org.nnx.param.ParamType.Quantity q ? " " + q.dimension().base() : "";
      // a list default is written as the language writes a list, so an empty one still shows
      String dflt = p.defaultValue().map(v -> " = " + (v instanceof List<?> ? "[" + org.nnx.param.ParameterText.value(v,
          ", ") + "]" : org.nnx.param.ParameterText.value(v, ", ")) + unit).orElse(" (required)");
      out.println(indent + p.name() + dflt + ": " + p.type().describe() + ". " + p.description());
      org.nnx.param.ParamType.Variant choice = p.type() instanceof org.nnx.param.ParamType.Variant v ? v
          : p.type() instanceof org.nnx.param.ParamType.Combination c ? c.parts() : null;
      if (choice != null && indent.length() < 12) {
        for (org.nnx.param.ParamType.RecordOf option : choice.options()) {
          if (!option.parameters().isEmpty()) {
            out.println(indent + "  " + option.name() + "(...):");
            parameters(out, option.parameters(), indent + "    ");
          }
        }
      }
    }
  }
}
