package org.nnx.architectures;

import java.util.List;
import org.nnx.ir.Network;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * {@code wide_resnet(depth = 50|101, widen = 2, classes = 1000)}: torchvision's wide ResNets
 * (Zagoruyko and Komodakis, "Wide Residual Networks", 2016): the bottleneck ResNet of {@link
 * TorchvisionResNet} with {@code width_per_group = 64 * widen}, i.e. inner bottleneck widths
 * {@code widen} times larger while the outer 1x1 convolutions keep {@code 4 * planes} channels.
 * {@code wide_resnet50_2} has 68,883,240 parameters and {@code wide_resnet101_2} 126,886,696.
 */
public final class WideResNetFamily implements ArchitectureFamily {

  /** The family name, {@code "wide_resnet"}. */
  public static final String NAME = "wide_resnet";

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.required("depth", ParamType.integerOneOf(50L, 101L), "torchvision depth: 50 or 101"),
          ParameterSpec.optional(
              "widen", ParamType.integer(1, 64), 2L, "inner bottleneck width factor (width_per_group = 64 * widen), 1 to 64"),
          Specs.classes(1000L));

  /** Creates the family; it has no state. */
  public WideResNetFamily() {}

  /** Returns {@code "wide_resnet"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "torchvision wide ResNet-50/101 (bottlenecks widen times wider) on 3x224x224 inputs";
  }

  /** {@code depth, widen, classes}. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Builds the wide ResNet; the seed is not used (the topology is fixed).
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  @Override
  public Network build(Parameters parameters, BuildContext context) {
    Specs.requireInRange(NAME, PARAMETERS, parameters);
    return TorchvisionResNet.build(
        NAME, parameters.getInt("depth"), 1, 64 * parameters.getInt("widen"), parameters.getInt("classes"));
  }
}
