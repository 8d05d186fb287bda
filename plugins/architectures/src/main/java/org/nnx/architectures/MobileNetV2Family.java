package org.nnx.architectures;

import java.util.List;
import org.nnx.ir.Activation;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * {@code mobilenet_v2(width_multiplier = 1.0, classes = 1000)}: torchvision's MobileNet-v2 (Sandler
 * et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks", CVPR 2018), which the NN-Mass
 * authors' {@code model_zoo.py} copies, on 3x224x224 inputs.
 *
 * <p>Layout: stem 3x3 convolution, stride 2, to {@code make_divisible(32 * wm)} channels, BN,
 * relu6; inverted residual blocks by the setting {@code (t, c, n, s)} = (1,16,1,1), (6,24,2,2),
 * (6,32,3,2), (6,64,4,2), (6,96,3,1), (6,160,3,2), (6,320,1,1) with output channels {@code
 * make_divisible(c * wm)} and stride {@code s} on the first of {@code n} blocks; head 1x1
 * convolution to {@code make_divisible(1280 * max(1, wm))} channels, BN, relu6, global average
 * pooling, (dropout, not an op) and a fully connected classifier with bias. An inverted residual
 * with expansion {@code t} has {@code hidden = round(in * t)} channels: a 1x1 expansion
 * convolution, BN, relu6 (omitted when {@code t = 1}), a 3x3 depth-wise convolution with the
 * block's stride, BN, relu6, a 1x1 projection, BN, and an identity shortcut added when the stride
 * is 1 and {@code in == out}. Convolutions have no bias; {@code make_divisible} rounds to a
 * multiple of 8 (at least 8, never more than 10% down). With {@code wm = 1} and 1000 classes:
 * 3,504,872 parameters.
 *
 * <p>Cells: a {@link Cell.Plain} stem, one {@link Cell.InvertedResidual} per block and a {@link
 * Cell.Plain} head.
 */
public final class MobileNetV2Family implements ArchitectureFamily {

  /** The family name, {@code "mobilenet_v2"}. */
  public static final String NAME = "mobilenet_v2";

  /** The inverted residual setting: expansion t, channels c, repeats n, first stride s. */
  private static final int[][] SETTING = {
    {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
  };

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.optional(
              "width_multiplier",
              new ParamType.Real(0, 16, true),
              1.0,
              "channel multiplier, in (0, 16]; channels are rounded to multiples of 8"),
          Specs.classes(1000L));

  /** Creates the family; it has no state. */
  public MobileNetV2Family() {}

  /** Returns {@code "mobilenet_v2"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "torchvision MobileNet-v2 on 3x224x224 inputs";
  }

  /** {@code width_multiplier, classes}. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * torchvision's {@code _make_divisible(v, divisor)}: the multiple of {@code divisor} nearest to
   * {@code v} (halves up), at least {@code divisor}, plus one {@code divisor} if that lost more than
   * 10% of {@code v}.
   */
  static int makeDivisible(double v, int divisor) {
    int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
    return rounded < 0.9 * v ? rounded + divisor : rounded;
  }

  /**
   * Builds the MobileNet-v2; the seed is not used (the topology is fixed).
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  @Override
  public Network build(Parameters parameters, BuildContext context) {
    Specs.requireInRange(NAME, PARAMETERS, parameters);
    double wm = parameters.getDouble("width_multiplier");
    int classes = parameters.getInt("classes");
    NetworkBuilder b = new NetworkBuilder(NAME, new TensorShape(3, 224, 224));
    int in = makeDivisible(32 * wm, 8);
    int last = makeDivisible(1280 * Math.max(1.0, wm), 8);

    int x = convBnRelu6(b, "features.0", 0, 3, in, 3, 2, 1);
    b.cell(new Cell.Plain("stem: 3x3/2 convolution, batch norm, relu6"));
    int index = 1;
    for (int[] row : SETTING) {
      int t = row[0];
      int out = makeDivisible(row[1] * wm, 8);
      for (int i = 0; i < row[2]; i++) {
        int stride = i == 0 ? row[3] : 1;
        int hidden = (int) Math.rint((double) in * t);
        boolean identity = stride == 1 && in == out;
        String p = "features." + index++;
        int y = x;
        if (t != 1) {
          y = convBnRelu6(b, p + ".expand", y, in, hidden, 1, 1, 1);
        }
        y = convBnRelu6(b, p + ".depthwise", y, hidden, hidden, 3, stride, hidden);
        y = b.add(p + ".project.conv", new Op.Conv2d(hidden, out, 1, 1, 0, 1, false), y);
        y = b.add(p + ".project.bn", new Op.BatchNorm(out), y);
        if (identity) {
          y = b.add(p + ".add", new Op.Add(), x, y);
        }
        b.cell(new Cell.InvertedResidual(in, out, hidden, stride, identity));
        x = y;
        in = out;
      }
    }
    x = convBnRelu6(b, "features." + index, x, in, last, 1, 1, 1);
    x = b.add("avgpool", new Op.GlobalAvgPool(), x);
    b.add("classifier", new Op.Dense(last, classes, true), x);
    b.cell(new Cell.Plain("head: 1x1 convolution, batch norm, relu6, global average pooling, fully connected classifier"));
    return b.build();
  }

  /** torchvision's {@code ConvBNReLU}: convolution (padding {@code (k-1)/2}, no bias), BN, relu6. */
  private static int convBnRelu6(NetworkBuilder b, String p, int x, int in, int out, int kernel, int stride, int groups) {
    int y = b.add(p + ".conv", new Op.Conv2d(in, out, kernel, stride, (kernel - 1) / 2, groups, false), x);
    y = b.add(p + ".bn", new Op.BatchNorm(out), y);
    return b.add(p + ".relu6", new Op.Act(Activation.RELU6), y);
  }
}
