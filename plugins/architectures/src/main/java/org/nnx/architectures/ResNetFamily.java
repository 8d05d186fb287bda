package org.nnx.architectures;

import java.util.List;
import org.nnx.ir.Network;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * {@code resnet(depth = 18|34|50|101|152, classes = 1000)}: torchvision's ResNets (He et al.,
 * "Deep Residual Learning for Image Recognition", CVPR 2016) on 3x224x224 inputs; layout in {@link
 * TorchvisionResNet}. Depths 18 and 34 use basic blocks, 50 and more bottlenecks. With 1000
 * classes: 11,689,512 (18), 21,797,672 (34), 25,557,032 (50), 44,549,160 (101) and 60,192,808
 * (152) parameters. The NN-Mass of a ResNet is the sum of the NN-Mass authors' per-block formulas
 * over its {@link org.nnx.ir.Cell.BasicBlock} / {@link org.nnx.ir.Cell.Bottleneck} cells.
 */
public final class ResNetFamily implements ArchitectureFamily {

  /** The family name, {@code "resnet"}. */
  public static final String NAME = "resnet";

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.required(
              "depth", ParamType.integerOneOf(18L, 34L, 50L, 101L, 152L), "torchvision depth: 18, 34, 50, 101 or 152"),
          Specs.classes(1000L));

  /** Creates the family; it has no state. */
  public ResNetFamily() {}

  /** Returns {@code "resnet"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "torchvision ResNet-18/34/50/101/152 on 3x224x224 inputs";
  }

  /** {@code depth, classes}. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Builds the ResNet; the seed is not used (the topology is fixed).
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  @Override
  public Network build(Parameters parameters, BuildContext context) {
    Specs.requireInRange(NAME, PARAMETERS, parameters);
    return TorchvisionResNet.build(NAME, parameters.getInt("depth"), 1, 64, parameters.getInt("classes"));
  }
}
