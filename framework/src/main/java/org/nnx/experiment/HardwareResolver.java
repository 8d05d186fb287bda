package org.nnx.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.hardware.HardwareModel;
import org.nnx.hardware.HardwareTarget;
import org.nnx.plugin.Parameters;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.HardwareNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.SettingNode;
import org.nnx.syntax.SourceFile;
import org.nnx.syntax.Suggestions;
import org.nnx.syntax.ValueNode;

/**
 * Checks the {@code hardware NAME { kind = KIND, ... }} blocks of a file: unique names, a
 * registered kind, and every other setting against that kind's {@link HardwareModel#parameters()}
 * (units included).
 */
final class HardwareResolver {

  /** The setting that picks the model. */
  static final String KIND = "kind";

  private final PluginRegistry registry;

  HardwareResolver(PluginRegistry registry) {
    this.registry = registry;
  }

  /**
   * Resolves every hardware block of {@code file}.
   *
   * @return every target by name, in file order: a {@link HardwareTarget}, or {@link
   *     ValueChecker#UNRESOLVED} for a block with errors (already reported)
   */
  Map<String, Object> resolve(SourceFile file, DiagnosticCollector diagnostics) {
    Map<String, Object> targets = new LinkedHashMap<>();
    Map<String, Location> names = new HashMap<>();
    for (HardwareNode node : file.hardware()) {
      Location first = names.putIfAbsent(node.name(), node.nameLocation());
      if (first != null) {
        diagnostics.error(node.nameLocation(), "duplicate hardware '" + node.name() + "'",
            "the first is at " + first.line() + ":" + first.column());
        continue;
      }
      HardwareTarget target = resolve(node, diagnostics);
      targets.put(node.name(), target != null ? target : ValueChecker.UNRESOLVED);
    }
    return targets;
  }

  private HardwareTarget resolve(HardwareNode node, DiagnosticCollector diagnostics) {
    List<String> kinds = List.copyOf(registry.hardware().keySet());
    String known = kinds.isEmpty() ? "no hardware model is installed; see ./nnx plugins"
        : "kind is one of " + String.join(", ", kinds);
    List<SettingNode> kindSettings = node.settings().stream().filter(s -> s.key().equals(KIND)).toList();
    if (kindSettings.isEmpty()) {
      diagnostics.error(node.location(), "hardware '" + node.name() + "' has no kind",
          "add kind = " + (kinds.isEmpty() ? "KIND" : kinds.get(0)) + "; " + known);
      return null;
    }
    if (kindSettings.size() > 1) {
      Location first = kindSettings.get(0).location();
      diagnostics.error(kindSettings.get(1).location(), "duplicate parameter 'kind' for hardware '" + node.name() + "'",
          "it is first given at " + first.line() + ":" + first.column());
      return null;
    }
    ValueNode kindValue = kindSettings.get(0).value();
    if (!(kindValue instanceof ValueNode.Word word)) {
      diagnostics.error(kindValue.location(), "'kind' must be a name, got " + kindValue.text(), known);
      return null;
    }
    HardwareModel model = registry.hardware().get(word.text());
    if (model == null) {
      String hint = Suggestions.didYouMean(word.text(), kinds);
      diagnostics.error(word.location(), "unknown hardware kind '" + word.text() + "'", hint != null ? hint : known);
      return null;
    }
    List<CallNode.Argument> settings = new ArrayList<>();
    for (SettingNode s : node.settings()) {
      if (!s.key().equals(KIND)) {
        settings.add(new CallNode.Argument(s.location(), s.key(), s.value()));
      }
    }
    Parameters checked = new ValueChecker(new IdentityHashMap<>(), diagnostics)
        .checkArguments(model.kind() + " hardware", node.location(), settings, model.parameters());
    return checked == null ? null : new HardwareTarget(node.name(), model, checked, node.location(), node.source());
  }
}
