package org.nnx.architectures;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nnx.ir.Activation;
import org.nnx.ir.Cell;
import org.nnx.ir.LongRangeLinks;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;

/**
 * {@code dense_cnn(cells = 3, cell_depth, width_multiplier, tc, classes = 10, depthwise = false,
 * inputs = [3, 32, 32])}: the DenseNet-type CNN of the NN-Mass paper (Bhardwaj, Li, Marculescu,
 * CVPR 2021), laid out like the authors' {@code regular_dense_cnn} and {@code
 * depth_wise_dense_cnn} ({@code model_zoo.py} of SLDGroup/NN_Mass).
 *
 * <p>Layout, for cell {@code k} (0-based) of width {@code w_k = 16 * width_multiplier * 2^k}
 * channels and {@code cell_depth} layers; {@code out_j} is what layer {@code j} passes on:
 *
 * <ul>
 *   <li>layer 0: a 3x3 convolution (padding 1, no bias) from the cell input to {@code w_k}
 *       channels, stride 1 in cell 0 and stride 2 in later cells (the transition), then batch
 *       norm: {@code out_0 = BN(conv(x))}. Cell {@code k > 0} reads {@code out_{D-1}} of cell
 *       {@code k-1} directly, as the authors do.
 *   <li>layer 1: {@code out_1 = BN(conv(relu(out_0)))}.
 *   <li>layer {@code j >= 2}: {@code out_j = conv(relu(BN(concat(out_{j-1}, gather))))}: the
 *       layer's batch norm normalizes its {@code w_k + t_j} input channels, where the gather takes
 *       {@code t_j = min(tc_k, (j-1) * w_k)} channels sampled without replacement from the outputs
 *       of layers {@code 0..j-2} of the cell (seeded by {@link BuildContext#seed()}).
 *   <li>head: 2x2 average pooling (stride 2), flatten, a fully connected classifier with bias
 *       (for 3x32x32 inputs and 3 cells: {@code w_2 * 4 * 4} features).
 * </ul>
 *
 * <p>Parameters count every convolution weight, the scale and shift of every batch norm and the
 * classifier, as summed over the authors' module parameters: 1,835,570 for {@code cell_depth = 8,
 * width_multiplier = 2, tc = [10, 20, 40]} and 4,653,192 for {@code cell_depth = 13,
 * width_multiplier = 2, tc = [40, 80, 125]}.
 *
 * <p>Two documented differences from the authors' code, neither of which changes a parameter
 * count, a link count or NN-Mass: (1) their CNN forward pass indexes the sampled channels in the
 * concatenation of layers {@code 1..j-1} (it includes the previous layer and misses layer 0),
 * whereas the paper, their MLP and this family take them from layers {@code 0..j-2}; (2) for a
 * layer with {@code t_j = 0} their forward pass computes the layer's batch norm and discards it;
 * here it is applied, like for every other layer, so the built parameters are all used.
 *
 * <p>{@code depthwise = true} builds the authors' {@code depth_wise_dense_cnn}: every convolution
 * but the first of cell 0 becomes their {@code conv_depth} block: 1x1 convolution to {@code w_k},
 * BN, relu, 3x3 depth-wise convolution (the layer's stride, {@code w_k} groups), BN, relu, 1x1
 * convolution, BN (all without bias); batch norms, links and head are as above.
 *
 * <p>Each cell is recorded as a {@link Cell.Dense} of width {@code w_k} and depth {@code
 * cell_depth}; the head as a {@link Cell.Plain}.
 */
public final class DenseCnnFamily implements ArchitectureFamily {

  /** The family name, {@code "dense_cnn"}. */
  public static final String NAME = "dense_cnn";

  /** Widths above this many channels are refused (they would not fit the IR's int shapes). */
  static final long MAX_WIDTH = 1L << 20;

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.optional("cells", ParamType.integer(1, 16), 3L, "number of cells, 1 to 16"),
          ParameterSpec.required("cell_depth", ParamType.integer(3, MAX_LAYERS / 16),
              "convolution layers per cell, 3 to " + MAX_LAYERS / 16),
          ParameterSpec.required(
              "width_multiplier",
              ParamType.integerAtLeast(1),
              "cell k has 16 * width_multiplier * 2^k channels, at least 1"),
          ParameterSpec.required(
              "tc",
              new ParamType.OneOrList(ParamType.integerAtLeast(0)),
              "long-range links per layer, one value or one per cell: layer j >= 2 takes min(tc, (j-1)*width)"),
          Specs.classes(10L),
          ParameterSpec.optional(
              "depthwise",
              new ParamType.Bool(),
              false,
              "use the authors' depth-wise cells (1x1, 3x3 depth-wise, 1x1 convolutions)"),
          ParameterSpec.optional(
              "inputs",
              new ParamType.ListOf(ParamType.integerAtLeast(1), 3, 3),
              List.of(3L, 32L, 32L),
              "input shape [channels, height, width], CIFAR's [3, 32, 32] by default"));

  /** Creates the family; it has no state. */
  public DenseCnnFamily() {}

  /** Returns {@code "dense_cnn"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "DenseNet-type CNN of the NN-Mass paper (CVPR 2021): cells of 16*wm*2^k channels with sampled links";
  }

  /** {@code cells, cell_depth, width_multiplier, tc, classes, depthwise, inputs}; see the class comment. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Reports a per-cell {@code tc} list whose length is neither 1 nor {@code cells}, a width too
   * large, and an input too small to survive the transitions and the final 2x2 pooling.
   */
  @Override
  public void validate(Parameters parameters, Problems problems) {
    int cells = parameters.getInt("cells");
    int given = parameters.getList("tc").size();
    if (given != 1 && given != cells) {
      problems.error(
          "tc",
          "'tc' has " + given + " values but there are " + cells + " cells",
          "give one value for every cell, or exactly " + cells + " values, one per cell");
    }
    if (width(parameters.getLong("width_multiplier"), cells - 1) > MAX_WIDTH) {
      problems.error(
          "width_multiplier",
          "the last cell would have more than " + MAX_WIDTH + " channels",
          "use a smaller width_multiplier or fewer cells");
    } else if (given == 1 || given == cells) {
      List<Object> tc = parameters.getList("tc");
      for (int k = 0; k < cells; k++) {
        long t = ((Number) tc.get(given == 1 ? 0 : k)).longValue();
        Specs.checkLinks(width(parameters.getLong("width_multiplier"), k), parameters.getLong("cell_depth"), t,
            "cell_depth", problems);
      }
    }
    List<Object> inputs = parameters.getList("inputs");
    int height = ((Number) inputs.get(1)).intValue();
    int width = ((Number) inputs.get(2)).intValue();
    int h = height;
    int w = width;
    for (int k = 1; k < cells; k++) {
      h = (h - 1) / 2 + 1;
      w = (w - 1) / 2 + 1;
    }
    if (h < 2 || w < 2) {
      problems.error(
          "inputs",
          "a " + height + "x" + width + " input shrinks to " + h + "x" + w + " before the final 2x2 average pooling",
          "use inputs of at least " + (1 << cells) + "x" + (1 << cells) + " pixels or fewer cells");
    }
  }

  /** Channels of cell {@code k}: {@code 16 * wm * 2^k}, saturating at {@code Long.MAX_VALUE}. */
  static long width(long widthMultiplier, int k) {
    try {
      return Math.multiplyExact(Math.multiplyExact(16L, widthMultiplier), 1L << k);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Builds the CNN.
   *
   * @param parameters checked parameters
   * @param context the seed of the link sampling
   * @throws IllegalArgumentException if a value is out of range or the values do not fit together
   *     (see {@link #validate})
   */
  @Override
  public Network build(Parameters parameters, BuildContext context) {
    Specs.requireInRange(NAME, PARAMETERS, parameters);
    StringBuilder problems = new StringBuilder();
    validate(parameters, (name, message, hint) -> problems.append(message).append("; "));
    if (problems.length() > 0) {
      throw new IllegalArgumentException(NAME + ": " + problems);
    }
    int cells = parameters.getInt("cells");
    int depth = parameters.getInt("cell_depth");
    long wm = parameters.getLong("width_multiplier");
    int[] tc = parameters.getIntsPerCell("tc", cells);
    boolean depthwise = parameters.getBoolean("depthwise");
    List<Object> in = parameters.getList("inputs");
    TensorShape input =
        new TensorShape(
            ((Number) in.get(0)).intValue(), ((Number) in.get(1)).intValue(), ((Number) in.get(2)).intValue());

    NetworkBuilder b = new NetworkBuilder(NAME, input);
    SplittableRandom random = new SplittableRandom(context.seed());
    int previous = 0;
    for (int k = 0; k < cells; k++) {
      int w = Math.toIntExact(width(wm, k));
      int[] links = LongRangeLinks.longRange(depth, w, tc[k]);
      int[] out = new int[depth];
      String p = "cell" + k + ".layer";

      int stride = k == 0 ? 1 : 2;
      int conv0 =
          depthwise && k > 0
              ? convDepth(b, p + "0", previous, w, stride)
              : b.add(p + "0.conv", conv3x3(channels(b, previous), w, stride), previous);
      out[0] = b.add(p + "0.bn", new Op.BatchNorm(w), conv0);

      int relu1 = b.add(p + "1.relu", new Op.Act(Activation.RELU), out[0]);
      int conv1 = depthwise ? convDepth(b, p + "1", relu1, w, 1) : b.add(p + "1.conv", conv3x3(w, w, 1), relu1);
      out[1] = b.add(p + "1.bn", new Op.BatchNorm(w), conv1);

      for (int j = 2; j < depth; j++) {
        int x = out[j - 1];
        if (links[j] > 0) {
          int[] indices = LongRangeLinks.sample(random, Math.toIntExact(LongRangeLinks.candidates(j, w)), links[j]);
          int gather = b.add(p + j + ".gather", new Op.Gather(indices), Arrays.copyOf(out, j - 1));
          x = b.add(p + j + ".concat", new Op.Concat(), out[j - 1], gather);
        }
        int bn = b.add(p + j + ".bn", new Op.BatchNorm(w + links[j]), x);
        int relu = b.add(p + j + ".relu", new Op.Act(Activation.RELU), bn);
        out[j] =
            depthwise
                ? convDepth(b, p + j, relu, w, 1)
                : b.add(p + j + ".conv", conv3x3(w + links[j], w, 1), relu);
      }
      b.cell(new Cell.Dense(w, depth, tc[k], links));
      previous = out[depth - 1];
    }
    int pool = b.add("head.avgpool", new Op.Pool(false, 2, 2, 0), previous);
    int flat = b.add("head.flatten", new Op.Flatten(), pool);
    b.add("head.fc", new Op.Dense(Math.toIntExact(b.shape(flat).size()), parameters.getInt("classes"), true), flat);
    b.cell(new Cell.Plain("head: 2x2 average pooling, flatten, fully connected classifier"));
    return b.build();
  }

  private static Op.Conv2d conv3x3(int in, int out, int stride) {
    return new Op.Conv2d(in, out, 3, stride, 1, 1, false);
  }

  private static int channels(NetworkBuilder b, int node) {
    return b.shape(node).channels();
  }

  /**
   * The authors' {@code conv_depth} block: 1x1 convolution to {@code w}, BN, relu, 3x3 depth-wise
   * convolution with {@code stride}, BN, relu, 1x1 convolution, BN; no biases.
   *
   * @return the id of the block's last node (its last batch norm)
   */
  private static int convDepth(NetworkBuilder b, String p, int input, int w, int stride) {
    int x = b.add(p + ".pw_in", new Op.Conv2d(channels(b, input), w, 1, 1, 0, 1, false), input);
    x = b.add(p + ".pw_in_bn", new Op.BatchNorm(w), x);
    x = b.add(p + ".pw_in_relu", new Op.Act(Activation.RELU), x);
    x = b.add(p + ".dw", new Op.Conv2d(w, w, 3, stride, 1, w, false), x);
    x = b.add(p + ".dw_bn", new Op.BatchNorm(w), x);
    x = b.add(p + ".dw_relu", new Op.Act(Activation.RELU), x);
    x = b.add(p + ".pw_out", new Op.Conv2d(w, w, 1, 1, 0, 1, false), x);
    return b.add(p + ".pw_out_bn", new Op.BatchNorm(w), x);
  }
}
