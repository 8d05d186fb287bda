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
 * {@code cnn(channels, depth, skip = none | residual | dense, epsilon = 1.0, activation = relu |
 * leaky_relu | abs, patch = 4, inputs, classes)}: small plain, residual and DenseNet-type CNNs, the
 * convolutional counterpart of {@link MlpFamily} (Riedi, Balestriero, Baraniuk, "Singular value
 * perturbation and deep network optimization", Constructive Approximation 2023).
 *
 * <ul>
 *   <li>Layer 0, the stem: a {@code patch x patch} convolution with stride {@code patch} (no
 *       padding) from the input's channels to {@code channels}, then the activation: a {@code c x
 *       h x w} input becomes {@code channels x ⌊h/patch⌋ x ⌊w/patch⌋} (MNIST, patch 4: 7 x 7).
 *   <li>Layers {@code i = 1 .. depth-2}: a 3x3 convolution (stride 1, padding 1) to {@code
 *       channels}, the activation, and the skip link as in {@link MlpFamily}: none, residual ({@code
 *       + ε h}) or dense (channel concatenation {@code [h; σ(conv h)]}, so the channels grow by
 *       {@code channels} per layer).
 *   <li>Layer {@code depth-1}, the classifier: global average pooling, then a dense layer to {@code
 *       classes}.
 * </ul>
 *
 * <p>All convolutions and the classifier have a bias. As for {@code mlp}, the IR carries {@code ε}:
 * a residual layer is {@link Op.Add} with inputs (activation, {@link Op.Scale}{@code (ε)} of the
 * layer input), the scale node named {@code layerI.scale}; with {@code ε = 1} there is no scale node
 * and the layer input is added directly.
 *
 * <p><b>Cost.</b> The metrics unroll every convolution to a dense matrix on the flattened
 * activations ({@link TiedLayers}) and decompose it with Commons Math: on MNIST with {@code patch =
 * 4} and 8 channels the maps are {@code 392 x 784} and {@code 392 x 392}, and {@code layer_cond} with
 * 16 samples takes minutes per network on one core. Keep {@code channels}, the image ({@code patch})
 * and {@code samples} small.
 */
public final class CnnFamily implements ArchitectureFamily {

  /** The family name, {@code "cnn"}. */
  public static final String NAME = "cnn";

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.required("channels", ParamType.integerAtLeast(1), "channels per layer, at least 1"),
          ParameterSpec.required(
              "depth", ParamType.integer(3, MAX_LAYERS),
              "layers including the stem and the classifier, 3 to " + MAX_LAYERS),
          ParameterSpec.optional(
              "skip", ParamType.choice("none", "residual", "dense"), "none",
              "skip link of the hidden layers: none, residual (+ epsilon * input) or dense (concatenated channels)"),
          ParameterSpec.optional(
              "epsilon", ParamType.real(0, 1e6), 1.0,
              "scale of the identity of a residual link, in [0, 1e6] (part of the network: a scale node unless 1)"),
          ParameterSpec.optional(
              "activation", new ParamType.Choice(MlpFamily.ACTIVATIONS), "relu",
              "nonlinearity of every layer but the classifier"),
          ParameterSpec.optional("patch", ParamType.integer(1, 64), 4L, "kernel and stride of the stem convolution"),
          ParameterSpec.required("inputs", new ParamType.ListOf(ParamType.integerAtLeast(1), 3, 3),
              "input shape [channels, height, width]"),
          ParameterSpec.required("classes", ParamType.integerAtLeast(2), "number of output classes (logits), at least 2"));

  /** Creates the family; it has no state. */
  public CnnFamily() {}

  /** Returns {@code "cnn"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "small plain, residual or DenseNet-type CNN of equal channels and depth (Riedi et al., Constr. Approx. 2023)";
  }

  /** {@code channels, depth, skip, epsilon, activation, patch, inputs, classes}; see the class comment. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Builds the CNN.
   *
   * @param parameters checked parameters
   * @param context unused: the topology has no random choice
   * @throws IllegalArgumentException if a value is out of range or the input is smaller than the patch
   */
  @Override
  public Network build(Parameters parameters, BuildContext context) {
    int channels = Math.toIntExact(parameters.getLong("channels"));
    int depth = Math.toIntExact(parameters.getLong("depth"));
    int patch = Math.toIntExact(parameters.getLong("patch"));
    int classes = Math.toIntExact(parameters.getLong("classes"));
    List<Object> shape = parameters.getList("inputs");
    if (channels < 1 || depth < 3 || patch < 1 || classes < 2 || shape.size() != 3) {
      throw new IllegalArgumentException("cnn: parameters out of range: " + parameters);
    }
    TensorShape input = new TensorShape(((Number) shape.get(0)).intValue(), ((Number) shape.get(1)).intValue(),
        ((Number) shape.get(2)).intValue());
    if (input.height() < patch || input.width() < patch) {
      throw new IllegalArgumentException("cnn: the input " + input + " is smaller than the patch " + patch);
    }
    SkipKind skip = SkipKind.of(parameters.getString("skip"));
    String activationName = parameters.getString("activation");
    if (!MlpFamily.ACTIVATIONS.contains(activationName)) {
      throw new IllegalArgumentException("cnn: 'activation' must be one of " + MlpFamily.ACTIVATIONS);
    }
    Activation activation = Activation.valueOf(activationName.toUpperCase(Locale.ROOT));
    double epsilon = parameters.getDouble("epsilon");
    NetworkBuilder b = new NetworkBuilder(NAME, input);
    int h = b.add("layer0.conv", new Op.Conv2d(input.channels(), channels, patch, patch, 0, 1, true), 0);
    h = b.add("layer0.act", new Op.Act(activation), h);
    b.cell(new Cell.Plain("stem: conv " + patch + "x" + patch + " stride " + patch + " -> " + b.shape(h)));
    for (int i = 1; i <= depth - 2; i++) {
      int in = b.shape(h).channels();
      int z = b.add("layer" + i + ".conv", new Op.Conv2d(in, channels, 3, 1, 1, 1, true), h);
      int a = b.add("layer" + i + ".act", new Op.Act(activation), z);
      switch (skip) {
        case NONE -> h = a;
        case RESIDUAL -> {
          int identity = epsilon == 1.0 ? h : b.add("layer" + i + ".scale", new Op.Scale(epsilon), h);
          h = b.add("layer" + i + ".add", new Op.Add(), a, identity);
        }
        case DENSE -> h = b.add("layer" + i + ".concat", new Op.Concat(), h, a);
      }
      b.cell(new Cell.Plain("layer " + i + ": conv 3x3 " + in + " -> " + channels + ", skip " + skip.keyword()));
    }
    int pooled = b.add("pool", new Op.GlobalAvgPool(), h);
    int features = b.shape(pooled).channels();
    b.add("classifier", new Op.Dense(features, classes, true), pooled);
    b.cell(new Cell.Plain("classifier: global average pool, dense " + features + " -> " + classes));
    return b.build();
  }
}
