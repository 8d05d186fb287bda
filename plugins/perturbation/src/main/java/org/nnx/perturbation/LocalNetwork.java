package org.nnx.perturbation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;

/**
 * A feed-forward chain of fully connected layers read from a {@link Network}'s IR, with weights
 * drawn from a seed, that evaluates the local linear map of every layer at an input (Riedi,
 * Balestriero, Baraniuk, "Singular value perturbation and deep network optimization", Constructive
 * Approximation 2023, Section 2: within one activation region a layer is affine, its linear part
 * built from {@code W} and the diagonal activation pattern {@code D}).
 *
 * <p>Accepted IR: after the input (and any {@link Op.Flatten}), a chain of layers, each an {@link
 * Op.Dense} optionally followed by an {@link Op.Act} ({@code relu}, {@code leaky_relu}, {@code abs}
 * or {@code identity}), optionally followed by an {@link Op.Add} of the activation and the layer's
 * input (residual) or an {@link Op.Concat} of the layer's input and the activation (DenseNet-type);
 * the layer's input may have no other consumer. This is exactly what {@link MlpFamily} builds. A
 * layer may also be an {@link Op.Conv2d} (one group) or an {@link Op.GlobalAvgPool} followed by an
 * {@link Op.Dense}, as {@link CnnFamily} builds: they are unrolled to matrices on the channel-major
 * flattened activations, with their tied parameters ({@link TiedLayers}).
 *
 * <p>Weights: PyTorch's default {@code nn.Linear} initialization, {@code kaiming_uniform_(a = √5)}
 * for weights and the same bound for biases, i.e. every weight and bias uniform in {@code [−1/√in,
 * 1/√in]} with {@code in} the layer's fan-in; drawn from one {@link SplittableRandom} seeded with the
 * trial seed, layer by layer, the weights row-major then the biases.
 *
 * <p>Activation slopes {@code d = σ'(z)}: {@code relu}: 1 for {@code z > 0}, else 0; {@code
 * leaky_relu}: 1 for {@code z > 0}, else {@value #LEAKY_SLOPE} (PyTorch's default slope); {@code abs}:
 * +1 for {@code z >= 0}, else −1 (so {@code |d| = 1} always, as in the paper); {@code identity}: 1.
 */
final class LocalNetwork {

  /** The negative slope η of {@code leaky_relu}, PyTorch's default. */
  static final double LEAKY_SLOPE = 0.01;

  /** How a layer's output is formed from its input {@code a} and pre-activation {@code z = W a + b}. */
  enum Kind {
    /** {@code σ(z)}: local map {@code D W}. */
    PLAIN,
    /** {@code σ(z) + ε a}: local map {@code D W + ε I}. */
    RESIDUAL,
    /** {@code [a; σ(z)]}: local map {@code [I; D W]}. */
    DENSE,
    /** {@code z} (no activation, e.g. the classifier): local map {@code W}. */
    LINEAR
  }

  /**
   * How the entries of a layer's matrix and bias are tied to its trainable parameters, for layers
   * whose matrix is not itself the parameters (a convolution unrolled to a matrix, a global average
   * pooling folded into the classifier): entry {@code e} of the matrix, at {@code (row[e], col[e])},
   * equals {@code coeff[e] · theta[param[e]]} (the entries not listed are 0), and bias entry {@code r}
   * equals {@code beta[biasParam[r]]}.
   */
  record Tying(double[] theta, int[] row, int[] col, int[] param, double[] coeff, double[] beta, int[] biasParam) {

    /** Folds a gradient with respect to the matrix entries into one with respect to {@code theta}. */
    double[] foldWeights(double[][] entryGradient) {
      double[] g = new double[theta.length];
      for (int e = 0; e < row.length; e++) {
        g[param[e]] += coeff[e] * entryGradient[row[e]][col[e]];
      }
      return g;
    }
  }

  /**
   * One layer: {@code w} is {@code out x in}, row-major; {@code tying} is {@code null} when the
   * entries of {@code w} and {@code b} are themselves the parameters (a dense layer).
   */
  record Layer(Kind kind, Activation activation, int in, int out, double[][] w, double[] b, Tying tying) {

    /** An untied (dense) layer. */
    Layer(Kind kind, Activation activation, int in, int out, double[][] w, double[] b) {
      this(kind, activation, in, out, w, b, null);
    }

    /** The layer's output size: {@code in + out} for {@link Kind#DENSE}, else {@code out}. */
    int outputSize() {
      return kind == Kind.DENSE ? in + out : out;
    }
  }

  /**
   * What one forward pass saw at each layer.
   *
   * @param inputs {@code inputs[l]}: the input {@code a} of layer {@code l}
   * @param slopes {@code slopes[l]}: the diagonal of {@code D} at layer {@code l} (all 1 for {@link
   *     Kind#LINEAR})
   * @param output the network's output (logits)
   */
  record Pass(double[][] inputs, double[][] slopes, double[] output) {}

  private final List<Layer> layers;
  private final double epsilon;

  LocalNetwork(List<Layer> layers, double epsilon) {
    this.layers = List.copyOf(layers);
    this.epsilon = epsilon;
  }

  /** The layers, input first. */
  List<Layer> layers() {
    return layers;
  }

  /** The residual scale ε. */
  double epsilon() {
    return epsilon;
  }

  /** Input features. */
  int inputSize() {
    return layers.get(0).in();
  }

  /** Output features (logits). */
  int outputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  /**
   * Reads the layer chain of {@code network} and draws its weights.
   *
   * @param epsilon the scale ε ≥ 0 of residual identities
   * @param seed the seed of the weights
   * @throws IllegalArgumentException if the network is not such a chain (the message names the node)
   */
  static LocalNetwork of(Network network, double epsilon, long seed) {
    List<Node> nodes = network.nodes();
    int[] consumers = new int[nodes.size()];
    for (Node n : nodes) {
      for (int i : n.inputs()) {
        consumers[i]++;
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Layer> layers = new ArrayList<>();
    int current = 0;
    int i = 1;
    while (i < nodes.size()) {
      Node n = nodes.get(i);
      if (n.op() instanceof Op.Flatten && n.inputs().equals(List.of(current)) && layers.isEmpty()) {
        current = i++;
        continue;
      }
      if (!n.inputs().equals(List.of(current))) {
        throw unsupported(network, n);
      }
      int lin = i;
      java.util.function.Function<Kind, Function<Activation, Layer>> factory;
      if (n.op() instanceof Op.Dense dense) {
        factory = k -> a -> initialized(k, a, dense.in(), dense.out(), random);
      } else if (n.op() instanceof Op.Conv2d conv) {
        factory = k -> a -> TiedLayers.convolution(k, a, conv, n.inputShapes().get(0), random);
      } else if (n.op() instanceof Op.GlobalAvgPool && i + 1 < nodes.size()
          && nodes.get(i + 1).op() instanceof Op.Dense dense && nodes.get(i + 1).inputs().equals(List.of(i))
          && consumers[i] == 1) {
        lin = i + 1;
        factory = k -> a -> TiedLayers.pooledDense(k, a, dense, n.inputShapes().get(0), random);
      } else {
        throw unsupported(network, n);
      }
      Kind kind = Kind.LINEAR;
      Activation activation = Activation.IDENTITY;
      int end = lin;
      if (lin + 1 < nodes.size() && nodes.get(lin + 1).op() instanceof Op.Act act
          && nodes.get(lin + 1).inputs().equals(List.of(lin))) {
        activation = act.function();
        requireSupported(network, nodes.get(lin + 1), activation);
        kind = Kind.PLAIN;
        end = lin + 1;
        if (lin + 2 < nodes.size()) {
          Node next = nodes.get(lin + 2);
          if (next.op() instanceof Op.Add && sameSet(next.inputs(), lin + 1, current)) {
            kind = Kind.RESIDUAL;
            end = lin + 2;
          } else if (next.op() instanceof Op.Concat && next.inputs().equals(List.of(current, lin + 1))) {
            kind = Kind.DENSE;
            end = lin + 2;
          }
        }
      }
      int expectedConsumers = kind == Kind.RESIDUAL || kind == Kind.DENSE ? 2 : 1;
      boolean innerNodesPrivate = kind == Kind.LINEAR || consumers[lin] == 1
          && (kind == Kind.PLAIN || consumers[lin + 1] == 1);
      if (consumers[current] != expectedConsumers || !innerNodesPrivate) {
        throw unsupported(network, n);
      }
      layers.add(factory.apply(kind).apply(activation));
      current = end;
      i = end + 1;
    }
    if (layers.isEmpty() || current != nodes.size() - 1) {
      throw new IllegalArgumentException(network.family() + ": the network has no chain of dense layers");
    }
    return new LocalNetwork(layers, epsilon);
  }

  private static boolean sameSet(List<Integer> inputs, int a, int b) {
    return inputs.size() == 2 && inputs.contains(a) && inputs.contains(b) && a != b;
  }

  private static void requireSupported(Network network, Node node, Activation activation) {
    switch (activation) {
      case RELU, LEAKY_RELU, ABS, IDENTITY -> {}
      default -> throw new IllegalArgumentException(
          network.family() + ": node " + node.name() + ": activation " + activation.keyword()
              + " is not piecewise linear (relu, leaky_relu, abs or identity)");
    }
  }

  private static IllegalArgumentException unsupported(Network network, Node node) {
    return new IllegalArgumentException(
        network.family() + ": node " + node.name() + " (" + node.op().getClass().getSimpleName()
            + ") is not part of a chain of dense layers with residual or concatenated skips");
  }

  /** A layer with PyTorch-default weights and biases, uniform in {@code [−1/√in, 1/√in]}. */
  static Layer initialized(Kind kind, Activation activation, int in, int out, SplittableRandom random) {
    double bound = 1 / Math.sqrt(in);
    double[][] w = new double[out][in];
    for (double[] row : w) {
      for (int j = 0; j < in; j++) {
        row[j] = uniform(random, bound);
      }
    }
    double[] b = new double[out];
    for (int j = 0; j < out; j++) {
      b[j] = uniform(random, bound);
    }
    return new Layer(kind, activation, in, out, w, b);
  }

  private static double uniform(SplittableRandom random, double bound) {
    return (2 * random.nextDouble() - 1) * bound;
  }

  /** The slope {@code σ'(z)} of {@code activation} (see the class comment for the convention at 0). */
  static double slope(Activation activation, double z) {
    return switch (activation) {
      case RELU -> z > 0 ? 1 : 0;
      case LEAKY_RELU -> z > 0 ? 1 : LEAKY_SLOPE;
      case ABS -> z >= 0 ? 1 : -1;
      case IDENTITY -> 1;
      default -> throw new IllegalArgumentException("not piecewise linear: " + activation);
    };
  }

  /** Runs {@code x} (length {@link #inputSize()}) through the network. */
  Pass forward(double[] x) {
    if (x.length != inputSize()) {
      throw new IllegalArgumentException("input has " + x.length + " features, the network takes " + inputSize());
    }
    int n = layers.size();
    double[][] inputs = new double[n][];
    double[][] slopes = new double[n][];
    double[] h = x.clone();
    for (int l = 0; l < n; l++) {
      Layer layer = layers.get(l);
      inputs[l] = h;
      double[] d = new double[layer.out()];
      double[] y = new double[layer.out()];
      for (int r = 0; r < layer.out(); r++) {
        double z = layer.b()[r];
        double[] row = layer.w()[r];
        for (int j = 0; j < layer.in(); j++) {
          z += row[j] * h[j];
        }
        d[r] = slope(layer.activation(), z);
        y[r] = d[r] * z;
      }
      slopes[l] = d;
      h = switch (layer.kind()) {
        case PLAIN, LINEAR -> y;
        case RESIDUAL -> {
          double[] out = y.clone();
          for (int r = 0; r < out.length; r++) {
            out[r] += epsilon * h[r];
          }
          yield out;
        }
        case DENSE -> {
          double[] out = new double[layer.in() + layer.out()];
          System.arraycopy(h, 0, out, 0, layer.in());
          System.arraycopy(y, 0, out, layer.in(), layer.out());
          yield out;
        }
      };
    }
    return new Pass(inputs, slopes, h);
  }

  /** {@code D W} of layer {@code l} at slopes {@code d}: {@code out x in}. */
  double[][] slopedWeights(int l, double[] d) {
    Layer layer = layers.get(l);
    double[][] m = new double[layer.out()][];
    for (int r = 0; r < layer.out(); r++) {
      m[r] = layer.w()[r].clone();
      for (int j = 0; j < layer.in(); j++) {
        m[r][j] *= d[r];
      }
    }
    return m;
  }

  /**
   * The full local linear map of layer {@code l} at slopes {@code d}, {@code outputSize x in}:
   * {@code D W}, {@code D W + ε I}, {@code [I; D W]} or {@code W} by {@link Kind}.
   */
  double[][] localMap(int l, double[] d) {
    Layer layer = layers.get(l);
    double[][] dw = slopedWeights(l, d);
    return switch (layer.kind()) {
      case PLAIN, LINEAR -> dw;
      case RESIDUAL -> {
        for (int r = 0; r < layer.out(); r++) {
          dw[r][r] += epsilon;
        }
        yield dw;
      }
      case DENSE -> {
        double[][] m = new double[layer.in() + layer.out()][];
        for (int r = 0; r < layer.in(); r++) {
          m[r] = new double[layer.in()];
          m[r][r] = 1;
        }
        System.arraycopy(dw, 0, m, layer.in(), layer.out());
        yield m;
      }
    };
  }
}
