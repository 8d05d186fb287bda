package org.nnx.architectures;

import java.util.Map;
import org.nnx.ir.Activation;
import org.nnx.ir.Cell;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * The torchvision ResNet layout shared by {@code resnet}, {@code wide_resnet} and {@code resnext}
 * (He et al. 2016; torchvision {@code models/resnet.py}, which the NN-Mass authors' {@code
 * model_zoo.py} copies), on 3x224x224 inputs.
 *
 * <p>Stem: 7x7 convolution, stride 2, padding 3, 64 channels, BN, relu, 3x3 max pooling, stride 2,
 * padding 1. Four stages of {@code planes = 64, 128, 256, 512} with strides 1, 2, 2, 2 (on the
 * first block of the stage). Head: global average pooling and a fully connected classifier with
 * bias. Convolutions have no bias. A block gets a projection shortcut (1x1 convolution with the
 * block's stride, BN) when its stride is not 1 or its input channels differ from its output
 * channels; otherwise the shortcut is the identity.
 *
 * <ul>
 *   <li>Basic block (expansion 1): 3x3 conv (stride), BN, relu, 3x3 conv, BN, add, relu.
 *   <li>Bottleneck (expansion 4, stride on the 3x3 convolution as in torchvision's "v1.5"): 1x1
 *       conv to {@code w = floor(planes * width_per_group / 64) * groups}, BN, relu, 3x3 conv with
 *       {@code groups} groups (stride), BN, relu, 1x1 conv to {@code 4 * planes}, BN, add, relu.
 * </ul>
 *
 * <p>Cells: a {@link Cell.Plain} stem, one {@link Cell.BasicBlock} or {@link Cell.Bottleneck} per
 * block ({@code inplanes} input channels, torchvision's {@code planes}, inner width {@code w}), and
 * a {@link Cell.Plain} head.
 */
final class TorchvisionResNet {

  /** Blocks per stage by depth, as in torchvision. */
  static final Map<Integer, int[]> BLOCKS =
      Map.of(
          18, new int[] {2, 2, 2, 2},
          34, new int[] {3, 4, 6, 3},
          50, new int[] {3, 4, 6, 3},
          101, new int[] {3, 4, 23, 3},
          152, new int[] {3, 8, 36, 3});

  private TorchvisionResNet() {}

  /**
   * Builds a ResNet.
   *
   * @param family the family name stored in the network
   * @param depth 18, 34, 50, 101 or 152; 18 and 34 use basic blocks, the others bottlenecks
   * @param groups groups of the bottleneck's 3x3 convolution (1 for basic blocks)
   * @param widthPerGroup torchvision's {@code width_per_group} (64 for basic blocks)
   * @param classes output classes
   */
  static Network build(String family, int depth, int groups, int widthPerGroup, int classes) {
    int[] blocks = BLOCKS.get(depth);
    if (blocks == null) {
      throw new IllegalArgumentException(family + ": no ResNet of depth " + depth);
    }
    boolean bottleneck = depth >= 50;
    if (!bottleneck && (groups != 1 || widthPerGroup != 64)) {
      throw new IllegalArgumentException(family + ": basic blocks support only groups = 1 and width_per_group = 64");
    }
    NetworkBuilder b = new NetworkBuilder(family, new TensorShape(3, 224, 224));
    int x = b.add("conv1", new Op.Conv2d(3, 64, 7, 2, 3, 1, false), 0);
    x = b.add("bn1", new Op.BatchNorm(64), x);
    x = b.add("relu", new Op.Act(Activation.RELU), x);
    x = b.add("maxpool", new Op.Pool(true, 3, 2, 1), x);
    b.cell(new Cell.Plain("stem: 7x7/2 convolution, batch norm, relu, 3x3/2 max pooling"));

    int inplanes = 64;
    for (int s = 0; s < 4; s++) {
      int planes = 64 << s;
      for (int i = 0; i < blocks[s]; i++) {
        int stride = i == 0 && s > 0 ? 2 : 1;
        String p = "layer" + (s + 1) + "." + i + ".";
        if (bottleneck) {
          int w = (int) ((long) planes * widthPerGroup / 64) * groups;
          int out = planes * 4;
          int y = b.add(p + "conv1", conv(inplanes, w, 1, 1, 1), x);
          y = b.add(p + "bn1", new Op.BatchNorm(w), y);
          y = b.add(p + "relu1", new Op.Act(Activation.RELU), y);
          y = b.add(p + "conv2", conv(w, w, 3, stride, groups), y);
          y = b.add(p + "bn2", new Op.BatchNorm(w), y);
          y = b.add(p + "relu2", new Op.Act(Activation.RELU), y);
          y = b.add(p + "conv3", conv(w, out, 1, 1, 1), y);
          y = b.add(p + "bn3", new Op.BatchNorm(out), y);
          x = residual(b, p, x, y, inplanes, out, stride);
          b.cell(new Cell.Bottleneck(inplanes, planes, w, stride, groups));
          inplanes = out;
        } else {
          int y = b.add(p + "conv1", conv(inplanes, planes, 3, stride, 1), x);
          y = b.add(p + "bn1", new Op.BatchNorm(planes), y);
          y = b.add(p + "relu1", new Op.Act(Activation.RELU), y);
          y = b.add(p + "conv2", conv(planes, planes, 3, 1, 1), y);
          y = b.add(p + "bn2", new Op.BatchNorm(planes), y);
          x = residual(b, p, x, y, inplanes, planes, stride);
          b.cell(new Cell.BasicBlock(inplanes, planes, stride));
          inplanes = planes;
        }
      }
    }
    x = b.add("avgpool", new Op.GlobalAvgPool(), x);
    b.add("fc", new Op.Dense(inplanes, classes, true), x);
    b.cell(new Cell.Plain("head: global average pooling, fully connected classifier"));
    return b.build();
  }

  /** Adds the shortcut (identity, or 1x1 projection + BN), the addition and the final relu. */
  private static int residual(NetworkBuilder b, String p, int x, int branch, int in, int out, int stride) {
    int shortcut = x;
    if (stride != 1 || in != out) {
      shortcut = b.add(p + "downsample.conv", conv(in, out, 1, stride, 1), x);
      shortcut = b.add(p + "downsample.bn", new Op.BatchNorm(out), shortcut);
    }
    int sum = b.add(p + "add", new Op.Add(), branch, shortcut);
    return b.add(p + "relu", new Op.Act(Activation.RELU), sum);
  }

  /** A convolution without bias and with padding {@code (kernel-1)/2}. */
  static Op.Conv2d conv(int in, int out, int kernel, int stride, int groups) {
    return new Op.Conv2d(in, out, kernel, stride, (kernel - 1) / 2, groups, false);
  }
}
