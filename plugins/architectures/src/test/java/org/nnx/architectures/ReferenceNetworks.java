package org.nnx.architectures;

import static org.nnx.architectures.ReferenceValues.longOf;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nnx.ir.Network;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;

/** Builds the network of each entry of the reference values with this module's families. */
public final class ReferenceNetworks {

  private ReferenceNetworks() {}

  /** An entry of section {@code mlp} as {@code dense_mlp}. */
  public static Network mlp(Map<String, Object> e, long seed) {
    return build(new DenseMlpFamily(), seed,
        "width", longOf(e, "width"), "depth", longOf(e, "depth"), "tc", longOf(e, "tc"),
        "inputs", longOf(e, "input"), "classes", longOf(e, "classes"));
  }

  /** An entry of section {@code cnn} as {@code dense_cnn} (3 cells, CIFAR inputs, 10 classes). */
  public static Network cnn(Map<String, Object> e, long seed) {
    return build(new DenseCnnFamily(), seed,
        "cell_depth", longOf(e, "cell_depth"), "width_multiplier", longOf(e, "wm"), "tc", ReferenceValues.require(e, "tc"));
  }

  /** An entry of section {@code named}, from its torchvision name, e.g. {@code wide_resnet50_2}. */
  public static Network named(Map<String, Object> e) {
    String name = (String) ReferenceValues.require(e, "name");
    Matcher m;
    if ((m = Pattern.compile("resnet(\\d+)").matcher(name)).matches()) {
      return build(new ResNetFamily(), 0, "depth", Long.parseLong(m.group(1)));
    }
    if ((m = Pattern.compile("wide_resnet(\\d+)_(\\d+)").matcher(name)).matches()) {
      return build(new WideResNetFamily(), 0, "depth", Long.parseLong(m.group(1)), "widen", Long.parseLong(m.group(2)));
    }
    if ((m = Pattern.compile("resnext(\\d+)_(\\d+)x(\\d+)d").matcher(name)).matches()) {
      return build(new ResNeXtFamily(), 0, "depth", Long.parseLong(m.group(1)), "groups", Long.parseLong(m.group(2)),
          "width_per_group", Long.parseLong(m.group(3)));
    }
    if (name.equals("mobilenet_v2")) {
      return build(new MobileNetV2Family(), 0, "width_multiplier", ReferenceValues.doubleOf(e, "width_mult"));
    }
    throw new IllegalStateException("no family for reference network " + name);
  }

  private static Network build(ArchitectureFamily family, long seed, Object... namesAndValues) {
    return family.build(TestParameters.of(family, namesAndValues), new BuildContext(seed));
  }
}
