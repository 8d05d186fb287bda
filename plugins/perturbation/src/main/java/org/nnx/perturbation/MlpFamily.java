package org.nnx.perturbation;

import java.util.List;
import java.util.Locale;
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
 * {@code mlp(width, depth, skip = none | residual | dense, epsilon = 1.0, activation = relu |
 * leaky_relu | abs, inputs, classes)}: plain, residual and DenseNet-type MLPs of equal width and
 * depth, the three kinds compared by Riedi, Balestriero and Baraniuk ("Singular value perturbation
 * and deep network optimization", Constructive Approximation 2023).
 *
 * <p>The network has {@code depth} fully connected layers (all with bias), counted like {@code
 * dense_mlp}: the classifier included.
 *
 * <ul>
 *   <li>Layer 0, the stem, maps the {@code inputs} features to {@code width} units: {@code h_1 =
 *       σ(W_0 x + b_0)}. It is the same in the three kinds (its input and output sizes differ).
 *   <li>Hidden layers {@code i = 1 .. depth-2} have {@code width} units and carry the skip link
 *       ({@link SkipKind}): {@code none}: {@code h_{i+1} = σ(W_i h_i + b_i)}; {@code residual}:
 *       {@code h_{i+1} = σ(W_i h_i + b_i) + ε h_i}; {@code dense}: {@code h_{i+1} = [h_i; σ(W_i h_i +
 *       b_i)]}, so the features grow by {@code width} per hidden layer (layer {@code i} of a dense
 *       MLP has {@code i·width} inputs).
 *   <li>Layer {@code depth-1}, the classifier, is linear: {@code logits = W h + b}.
 * </ul>
 *
 * <p>IR: {@link Op.Dense} then {@link Op.Act} per layer; a residual layer adds {@link Op.Add} with
 * inputs (activation, scaled layer input), where the layer input is scaled by an {@link Op.Scale}
 * node {@code layerI.scale} of factor {@code ε}; with {@code ε = 1} there is no scale node and the
 * inputs are (activation, layer input). A dense layer adds {@link Op.Concat} with inputs (layer
 * input, activation). The IR thus carries {@code ε}: every back end that reads the IR (the
 * perturbation metrics, a trainer) computes the same function.
 *
 * <p>NN-Mass cells: the whole network is recorded as one {@link Cell.Dense}{@code (width, depth,
 * tc, longRange)} cell whose layer {@code i} is the linear layer {@code i} above (stem and
 * classifier included, as in {@code dense_mlp}); {@code longRange[0] = longRange[1] = 0}.
 *
 * <ul>
 *   <li>{@code none}: {@code tc = 0}, no long-range links: the cell of {@code dense_mlp} with {@code
 *       tc = 0} (NN-Mass 0).
 *   <li>{@code dense}: layer {@code i >= 2} receives every output of the layers {@code 0..i-2}
 *       through the concatenations, {@code longRange[i] = (i-1)·width} (all its candidates), with
 *       {@code tc = (depth-2)·width}, so that {@code longRange[i] = min(tc, (i-1)·width)} as in
 *       DenseNet-type cells; the density is 1.
 *   <li>{@code residual}: the addition into the input of layer {@code i >= 2} carries one value per
 *       unit of the output of layer {@code i-2} past layer {@code i-1}; it is counted as {@code
 *       width} long-range links, {@code longRange[i] = width}, {@code tc = width} (again {@code
 *       min(tc, (i-1)·width)}), whatever {@code ε}. The NN-Mass paper (Bhardwaj, Li, Marculescu,
 *       CVPR 2021) defines long-range links for concatenation only; counting a residual shortcut as
 *       {@code width} links is nnx's extension, analogous to the way the authors give ResNet blocks
 *       an NN-Mass.
 * </ul>
 */
public final class MlpFamily implements ArchitectureFamily {

  /** The family name, {@code "mlp"}. */
  public static final String NAME = "mlp";

  /** The activations this family accepts, as users write them. */
  static final List<String> ACTIVATIONS = List.of("relu", "leaky_relu", "abs");

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.required("width", ParamType.integerAtLeast(1), "units per hidden layer, at least 1"),
          ParameterSpec.required(
              "depth", ParamType.integer(3, MAX_LAYERS),
              "linear layers including the stem and the classifier, 3 to " + MAX_LAYERS),
          ParameterSpec.optional(
              "skip", ParamType.choice("none", "residual", "dense"), "none",
              "skip link of the hidden layers: none, residual (+ epsilon * input) or dense (concatenated input)"),
          ParameterSpec.optional(
              "epsilon", ParamType.real(0, 1e6), 1.0,
              "scale of the identity of a residual link, in [0, 1e6] (part of the network: a scale node unless 1)"),
          ParameterSpec.optional(
              "activation", new ParamType.Choice(ACTIVATIONS), "relu", "nonlinearity of every layer but the classifier"),
          ParameterSpec.required("inputs", ParamType.integerAtLeast(1), "input features, at least 1"),
          ParameterSpec.required("classes", ParamType.integerAtLeast(2), "number of output classes (logits), at least 2"));

  /** Creates the family; it has no state. */
  public MlpFamily() {}

  /** Returns {@code "mlp"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "plain, residual or DenseNet-type MLP of equal width and depth (Riedi et al., Constr. Approx. 2023)";
  }

  /** {@code width, depth, skip, epsilon, activation, inputs, classes}; see the class comment. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Builds the MLP.
   *
   * @param parameters checked parameters
   * @param context unused: the topology has no random choice
   * @throws IllegalArgumentException if a value is out of range
   */
  @Override
  public Network build(Parameters parameters, BuildContext context) {
    int width = positive(parameters, "width", 1);
    int depth = positive(parameters, "depth", 3);
    int inputs = positive(parameters, "inputs", 1);
    int classes = positive(parameters, "classes", 2);
    SkipKind skip = SkipKind.of(parameters.getString("skip"));
    String activationName = parameters.getString("activation");
    if (!ACTIVATIONS.contains(activationName)) {
      throw new IllegalArgumentException("mlp: 'activation' must be one of " + ACTIVATIONS + ", got " + activationName);
    }
    Activation activation = Activation.valueOf(activationName.toUpperCase(Locale.ROOT));
    double epsilon = parameters.getDouble("epsilon");
    NetworkBuilder b = new NetworkBuilder(NAME, TensorShape.vector(inputs));
    int h = b.add("layer0.dense", new Op.Dense(inputs, width, true), 0);
    h = b.add("layer0.act", new Op.Act(activation), h);
    for (int i = 1; i <= depth - 2; i++) {
      int features = Math.toIntExact(b.shape(h).size());
      int z = b.add("layer" + i + ".dense", new Op.Dense(features, width, true), h);
      int a = b.add("layer" + i + ".act", new Op.Act(activation), z);
      switch (skip) {
        case NONE -> h = a;
        case RESIDUAL -> {
          int identity = epsilon == 1.0 ? h : b.add("layer" + i + ".scale", new Op.Scale(epsilon), h);
          h = b.add("layer" + i + ".add", new Op.Add(), a, identity);
        }
        case DENSE -> h = b.add("layer" + i + ".concat", new Op.Concat(), h, a);
      }
    }
    int features = Math.toIntExact(b.shape(h).size());
    b.add("classifier", new Op.Dense(features, classes, true), h);
    b.cell(cell(skip, width, depth));
    return b.build();
  }

  /**
   * The network's one NN-Mass cell (see the class comment).
   *
   * @param skip the skip link of the hidden layers
   * @param width units per hidden layer
   * @param depth linear layers, the stem and the classifier included
   * @return a DenseNet-type cell of {@code depth} layers of {@code width} units
   */
  static Cell.Dense cell(SkipKind skip, int width, int depth) {
    int tc = switch (skip) {
      case NONE -> 0;
      case RESIDUAL -> width;
      case DENSE -> Math.multiplyExact(depth - 2, width);
    };
    int[] longRange = new int[depth];
    for (int i = 2; i < depth; i++) {
      longRange[i] = Math.min(tc, (i - 1) * width);
    }
    return new Cell.Dense(width, depth, tc, longRange);
  }

  private static int positive(Parameters parameters, String name, int min) {
    long v = parameters.getLong(name);
    if (v < min) {
      throw new IllegalArgumentException("mlp: '" + name + "' must be at least " + min + ", got " + v);
    }
    return Math.toIntExact(v);
  }
}
