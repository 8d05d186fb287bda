package org.nnx.architectures;

import java.util.List;
import org.nnx.ir.Network;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * {@code resnext(depth = 50|101, groups = 32, width_per_group = 4, classes = 1000)}: torchvision's
 * ResNeXts (Xie et al., "Aggregated Residual Transformations for Deep Neural Networks", CVPR 2017):
 * the bottleneck ResNet of {@link TorchvisionResNet} whose 3x3 convolutions have {@code groups}
 * groups and inner width {@code floor(planes * width_per_group / 64) * groups}. {@code
 * resnext50_32x4d} has 25,028,904 parameters and {@code resnext101_32x8d} 88,791,336.
 */
public final class ResNeXtFamily implements ArchitectureFamily {

  /** The family name, {@code "resnext"}. */
  public static final String NAME = "resnext";

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.required("depth", ParamType.integerOneOf(50L, 101L), "torchvision depth: 50 or 101"),
          ParameterSpec.optional(
              "groups", ParamType.integer(1, 1024), 32L, "groups (cardinality) of the 3x3 convolutions, 1 to 1024"),
          ParameterSpec.optional(
              "width_per_group", ParamType.integer(1, 1024), 4L, "channels per group in the first stage, 1 to 1024"),
          Specs.classes(1000L));

  /** Creates the family; it has no state. */
  public ResNeXtFamily() {}

  /** Returns {@code "resnext"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "torchvision ResNeXt-50/101 (grouped bottlenecks) on 3x224x224 inputs";
  }

  /** {@code depth, groups, width_per_group, classes}. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Builds the ResNeXt; the seed is not used (the topology is fixed).
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  @Override
  public Network build(Parameters parameters, BuildContext context) {
    Specs.requireInRange(NAME, PARAMETERS, parameters);
    return TorchvisionResNet.build(
        NAME,
        parameters.getInt("depth"),
        parameters.getInt("groups"),
        parameters.getInt("width_per_group"),
        parameters.getInt("classes"));
  }
}
