package org.nnx.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.block.BlockKind;
import org.nnx.block.BlockOutcome;
import org.nnx.block.ResolveContext;
import org.nnx.block.RunContext;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.ParameterText;
import org.nnx.param.Parameters;
import org.nnx.syntax.NetworkNode;

/**
 * The {@code network NAME(params) { ... }} of a file: an architecture family that experiments use
 * in {@code architectures { }} like a built-in one. A parameter's type comes from its default: an
 * integer, a real or a truth value; a parameter without one is a required number (an integer where
 * the network needs one). A network whose parameters all have defaults is built once here, so that
 * mistakes in its body show before any experiment uses it.
 */
public final class NetworkKind implements BlockKind<NetworkNode, NetworkFamily> {

  @Override
  public String keyword() {
    return NetworkNode.NETWORK;
  }

  @Override
  public Class<NetworkNode> syntax() {
    return NetworkNode.class;
  }

  @Override
  public List<String> references() {
    return List.of(NetworkNode.BLOCK);
  }

  @Override
  public boolean runnable() {
    return false;
  }

  @Override
  public NetworkFamily resolve(NetworkNode node, ResolveContext context) {
    var diagnostics = context.diagnostics();
    boolean ok = BlockDefinitionKind.uniqueParameters(node, context);
    if (context.registry().families().containsKey(node.name())) {
      diagnostics.error(node.nameLocation(), "network '" + node.name() + "' is named like the installed family '"
          + node.name() + "'", "give it another name, e.g. my_" + node.name());
      ok = false;
    }
    List<ParameterSpec> parameters = new ArrayList<>();
    for (NetworkNode.Param p : node.parameters()) {
      if (p.defaultValue().isEmpty()) {
        parameters.add(ParameterSpec.required(p.name(), new ParamType.Real(Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, false), "a parameter of " + node.name() + " (an integer where it sets a size)"));
        continue;
      }
      try {
        Object v = Program.constant(p.defaultValue().get());
        ParamType type = v instanceof Long ? new ParamType.Int(Long.MIN_VALUE, Long.MAX_VALUE, List.of())
            : v instanceof Double ? new ParamType.Real(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false)
            : new ParamType.Bool();
        parameters.add(ParameterSpec.optional(p.name(), type, v, "a parameter of " + node.name()));
      } catch (NetworkBuildException e) {
        diagnostics.error(e.diagnostic().location(), e.diagnostic().message(), e.diagnostic().hint());
        ok = false;
      }
    }
    Map<String, NetworkNode> all = BlockDefinitionKind.blocksOf(context);
    Map<String, NetworkNode> used = NetworkDefinitions.closure(node.body(), all);
    for (String name : used.keySet()) {
      if (context.block(NetworkNode.BLOCK, name, BlockDefinition.class).isEmpty()) {
        ok = false; // its errors are reported where it is defined
      }
    }
    if (!ok) {
      return null;
    }
    NetworkFamily family = new NetworkFamily(node, used, parameters, context.file().path());
    if (parameters.stream().noneMatch(ParameterSpec::isRequired)) {
      Map<String, Object> defaults = new LinkedHashMap<>();
      parameters.forEach(p -> defaults.put(p.name(), p.defaultValue().get()));
      int before = diagnostics.sorted().size();
      family.validate(new Parameters(defaults), new org.nnx.param.Problems() {
        @Override
        public void error(String parameter, String message, String hint) {
          diagnostics.error(node.location(), message, hint);
        }

        @Override
        public void errorAt(org.nnx.syntax.Location at, String message, String hint) {
          diagnostics.error(at, message, hint);
        }
      });
      if (diagnostics.sorted().size() > before) {
        return null;
      }
    }
    return family;
  }

  @Override
  public String describe(NetworkFamily family) {
    return "network " + family.name() + "(" + String.join(", ", family.parameters().stream()
        .map(p -> p.name() + p.defaultValue().map(v -> " = " + ParameterText.value(v, ", ")).orElse("")).toList()) + ")";
  }

  @Override
  public BlockOutcome run(NetworkFamily block, RunContext context) {
    throw new IllegalStateException("networks are architecture families; experiments run them");
  }
}
