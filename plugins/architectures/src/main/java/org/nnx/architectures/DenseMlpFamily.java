package org.nnx.architectures;

import java.util.List;
import org.nnx.ir.Network;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * {@code dense_mlp(width, depth, tc, inputs, classes, activation = relu)}: the DenseNet-type MLP of
 * the NN-Mass paper (Bhardwaj, Li, Marculescu, "How does topology influence gradient propagation
 * and model performance of deep networks with DenseNet-type skip connections?", CVPR 2021), built
 * exactly like the authors' {@code Dense_MLP} ({@code model_zoo.py} of SLDGroup/NN_Mass).
 *
 * <ul>
 *   <li>{@code depth} counts every linear layer, the classifier included; all layers but the
 *       classifier have {@code width} units.
 *   <li>Layer {@code i >= 2} (0-based, the classifier too) concatenates the previous layer's output
 *       with {@code t_i = min(tc, (i-1)*width)} long-range units sampled without replacement from
 *       the outputs of layers {@code 0..i-2} ({@link org.nnx.ir.Op.Gather}), seeded by {@link
 *       BuildContext#seed()}.
 *   <li>The activation is applied to the output of layer 0 and to the (concatenated) input of
 *       every layer {@code i >= 2} except the classifier, whose input is not activated.
 *   <li>Every linear layer has a bias. Parameters are {@code sum(in*out + out)} and FLOPs {@code
 *       sum(2*in*out + out)} over the linear layers, as the authors' {@code param_num()}; e.g.
 *       width 8, depth 8, tc 10, 784 inputs, 10 classes: 7,286 parameters, 14,506 FLOPs.
 * </ul>
 *
 * <p>The network has one {@link org.nnx.ir.Cell.Dense} cell. See {@link DenseMlpStack} for the
 * node layout; {@code cells} with one cell builds the same network.
 */
public final class DenseMlpFamily implements ArchitectureFamily {

  /** The family name, {@code "dense_mlp"}. */
  public static final String NAME = "dense_mlp";

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.required("width", ParamType.integerAtLeast(1), "units per hidden layer, at least 1"),
          ParameterSpec.required(
              "depth", ParamType.integer(3, MAX_LAYERS), "linear layers including the classifier, 3 to " + MAX_LAYERS),
          ParameterSpec.required(
              "tc",
              ParamType.integerAtLeast(0),
              "long-range links per layer: layer i >= 2 takes min(tc, (i-1)*width), at least 0"),
          ParameterSpec.required("inputs", ParamType.integerAtLeast(1), "input features, at least 1"),
          Specs.classes(null),
          Specs.activation());

  /** Creates the family; it has no state. */
  public DenseMlpFamily() {}

  /** Returns {@code "dense_mlp"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "DenseNet-type MLP of the NN-Mass paper (CVPR 2021) with sampled long-range links";
  }

  /** {@code width, depth, tc, inputs, classes, activation}; see the class comment. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /** Refuses a cell too large to build (see {@link Specs#checkCellSize}). */
  @Override
  public void validate(Parameters parameters, org.nnx.param.Problems problems) {
    Specs.checkCellSize(parameters.getLong("inputs"), parameters.getLong("width"), parameters.getLong("depth"), "width",
        problems);
    Specs.checkLinks(parameters.getLong("width"), parameters.getLong("depth"), parameters.getLong("tc"), "depth",
        problems);
  }

  /**
   * Builds the MLP.
   *
   * @param parameters checked parameters
   * @param context the seed of the link sampling
   * @throws IllegalArgumentException if a value is out of range
   */
  @Override
  public Network build(Parameters parameters, BuildContext context) {
    Specs.requireInRange(NAME, PARAMETERS, parameters);
    DenseMlpStack.CellSpec cell =
        new DenseMlpStack.CellSpec(
            parameters.getInt("width"), parameters.getInt("depth"), parameters.getInt("tc"));
    return DenseMlpStack.build(
        NAME,
        parameters.getInt("inputs"),
        parameters.getInt("classes"),
        List.of(cell),
        Specs.activation(parameters),
        context.seed());
  }
}
