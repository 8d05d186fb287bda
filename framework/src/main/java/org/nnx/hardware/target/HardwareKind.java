package org.nnx.hardware.target;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.nnx.block.BlockKind;
import org.nnx.block.BlockOutcome;
import org.nnx.block.ResolveContext;
import org.nnx.block.RunContext;
import org.nnx.hardware.HardwareModel;
import org.nnx.param.Parameters;
import org.nnx.param.ValueChecker;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.HardwareNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.SettingNode;
import org.nnx.syntax.Suggestions;
import org.nnx.syntax.ValueNode;

/**
 * The {@code hardware NAME { kind = KIND, ... }} block: a target that metrics and codesigns name. It
 * is checked against its kind's {@link HardwareModel#parameters()} (units included) and does not run
 * on its own.
 */
public final class HardwareKind implements BlockKind<HardwareNode, HardwareTarget> {

  /** The setting that picks the model. */
  static final String KIND = "kind";

  @Override
  public String keyword() {
    return HardwareTarget.KEYWORD;
  }

  @Override
  public Class<HardwareNode> syntax() {
    return HardwareNode.class;
  }

  @Override
  public boolean runnable() {
    return false;
  }

  @Override
  public String describe(HardwareTarget block) {
    return "hardware " + block.name() + ": " + block.model().kind();
  }

  @Override
  public BlockOutcome run(HardwareTarget block, RunContext context) {
    throw new IllegalStateException("hardware blocks serve other blocks; nothing runs them on their own");
  }

  @Override
  public HardwareTarget resolve(HardwareNode node, ResolveContext context) {
    var registry = context.registry();
    var diagnostics = context.diagnostics();
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
    return checked == null ? null
        : new HardwareTarget(node.name(), model, checked, node.location(), node.source(), context.file().path());
  }
}
