package org.nnx.perturbation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.model.Seeds;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;

/**
 * A network read from its IR as a chain of layers acting on a <em>state</em>, with weights drawn
 * from a seed, that evaluates the local linear map of every layer at an input (Riedi, Balestriero,
 * Baraniuk, "Singular value perturbation and deep network optimization", Constructive Approximation
 * 2023, Section 2: within one activation region a layer is affine, its linear part built from
 * {@code W} and the diagonal activation patterns {@code D}).
 *
 * <p><b>The layer rule.</b> Every {@link Op.Dense} or {@link Op.Conv2d} node starts a layer (a
 * {@link Op.GlobalAvgPool} directly followed by a dense node belongs to that dense layer). The
 * <em>state</em> {@code h} before a layer is the concatenation of the values computed so far that
 * the rest of the network still reads (the network input at first). A layer computes
 *
 * <ol>
 *   <li>its weights' input {@code u = σ_pre(P h)}: {@code P} selects values of the state, through
 *       the {@link Op.Concat} and {@link Op.Gather} nodes in front of the weights, and {@code σ_pre}
 *       is an {@link Op.Act} applied to that selection ({@code dense_mlp}'s activated concatenation
 *       of the previous output and the gathered long-range units), or nothing;
 *   <li>{@code y = σ(W u + b)}, {@code σ} the {@link Op.Act} directly after the weights, or
 *       nothing;
 *   <li>the next state, by how the rest of the network uses {@code y} and {@code h}: {@code y}
 *       alone when nothing reads {@code h} again (plain), {@code y + ε h} for an {@link Op.Add} of
 *       {@code y} and {@code h} or of {@code y} and {@link Op.Scale}{@code (ε)} of {@code h}
 *       (residual), {@code [h; y]} for an {@link Op.Concat} of {@code h} and {@code y} or when all
 *       of {@code h} is read again later (DenseNet-type: {@code mlp(skip = dense)}'s concatenation,
 *       {@code dense_mlp}'s long-range links).
 * </ol>
 *
 * <p>So the local map of a layer from state to state is {@code D W D_pre P} (plain), {@code D W
 * D_pre P + ε I} (residual) or {@code [I; D W D_pre P]} (DenseNet-type), with {@code D = diag(σ'(W u
 * + b))} and {@code D_pre = diag(σ_pre'(P h))}; for the three kinds of {@link MlpFamily}, {@code
 * D_pre = P = I} and these are the paper's {@code D W}, {@code D W + ε I} and {@code [I; D W]}. A
 * network whose nodes do not fit (a value read again by only part of a later state, nested
 * activations, other ops) is rejected with the node's name. Convolutions and the pooled classifier
 * are unrolled to matrices on the channel-major flattened activations, with their tied parameters
 * ({@link TiedLayers}); they read the whole state.
 *
 * <p>Weights: PyTorch's default initialization as nnx draws it for every back end ({@link
 * InitialWeights}): every weight and bias uniform in {@code [−1/√fan_in, 1/√fan_in)}, rounded to
 * single precision, node by node from the streams of {@code Seeds.derive(seed, Seeds.WEIGHTS)}. With
 * the trial seed these are exactly the weights the trainer (dl4j) starts from with its default
 * {@code init}, so the metrics measure the network that is then trained.
 *
 * <p>Activation slopes {@code d = σ'(z)}: {@code relu}: 1 for {@code z > 0}, else 0; {@code
 * leaky_relu}: 1 for {@code z > 0}, else 0.01 (PyTorch's default slope); {@code abs}:
 * +1 for {@code z >= 0}, else −1 (so {@code |d| = 1} always, as in the paper); {@code identity}: 1.
 *
 * <p><b>Public API.</b> Other plugins (the zero-cost proxies of {@code plugins/proxies}) read a network
 * with {@link #of}, run {@link #forward} and inspect {@link #layers()}; the arrays of the records are
 * shared, not copied, so a caller that changes them (a finite-difference test) changes this network.
 * Instances are not thread-safe while a caller mutates their arrays; otherwise read-only.
 */
public final class LocalNetwork {

  /** The negative slope η of {@code leaky_relu}, PyTorch's default. */
  static final double LEAKY_SLOPE = Activation.LEAKY_SLOPE;

  /** How a layer's next state is formed from its state {@code h} and output {@code y}. */
  public enum Kind {
    /** {@code y = σ(z)}: local map {@code D W}. */
    PLAIN,
    /** {@code y + ε h}: local map {@code D W + ε I}. */
    RESIDUAL,
    /** {@code [h; y]}: local map {@code [I; D W]}. */
    DENSE,
    /** {@code y = z} (no activation, e.g. the classifier): local map {@code W}. */
    LINEAR
  }

  /**
   * How the entries of a layer's matrix and bias are tied to its trainable parameters, for layers
   * whose matrix is not itself the parameters (a convolution unrolled to a matrix, a global average
   * pooling folded into the classifier): entry {@code e} of the matrix, at {@code (row[e], col[e])},
   * equals {@code coeff[e] · theta[param[e]]} (the entries not listed are 0), and bias entry {@code r}
   * equals {@code beta[biasParam[r]]}.
   *
   * @param theta the tied weight parameters (a convolution's kernel in PyTorch's layout {@code out, in,
   *     ky, kx}; the pooled classifier's {@code out x channels} weights), {@code P} values
   * @param row the matrix row of each tied entry {@code e}, in {@code [0, out)}
   * @param col the matrix column of each tied entry {@code e}, in {@code [0, in)}
   * @param param the index in {@code theta} of each tied entry {@code e}, in {@code [0, P)}
   * @param coeff the factor of each tied entry {@code e} (1 for a convolution, {@code 1/(h·w)} for a
   *     pooled dense layer)
   * @param beta the tied bias parameters (one per output channel or class); empty when the layer
   *     has no bias
   * @param biasParam the index in {@code beta} of each bias entry {@code r}, one per matrix row;
   *     {@code null} when {@code beta} is empty
   */
  public record Tying(double[] theta, int[] row, int[] col, int[] param, double[] coeff, double[] beta,
      int[] biasParam) {

    /**
     * Folds a gradient with respect to the matrix entries into one with respect to {@code theta}:
     * {@code g_k = Σ_{e: param[e] = k} coeff[e] · entryGradient[row[e]][col[e]]} (the chain rule).
     *
     * @param entryGradient a gradient with respect to the matrix entries, {@code out x in} (at least
     *     every {@code row[e]}, {@code col[e]} in range)
     * @return a new array of {@code theta.length} values, in the units of {@code entryGradient}
     * @throws ArrayIndexOutOfBoundsException if {@code entryGradient} is smaller than the matrix
     */
    public double[] foldWeights(double[][] entryGradient) {
      double[] g = new double[theta.length];
      for (int e = 0; e < row.length; e++) {
        g[param[e]] += coeff[e] * entryGradient[row[e]][col[e]];
      }
      return g;
    }
  }

  /**
   * One layer: {@code w} is {@code out x in}, row-major, applied to {@code u = pre(h[select])};
   * {@code tying} is {@code null} when the entries of {@code w} and {@code b} are themselves the
   * parameters (a dense layer).
   *
   * @param kind how the next state is formed
   * @param activation {@code σ}, applied after the weights ({@code identity} for none)
   * @param in the weights' inputs, {@code select.length}
   * @param out the weights' outputs
   * @param w the weights
   * @param b the biases
   * @param tying the tied parameters, or {@code null}
   * @param stateIn the size of the state {@code h} entering the layer
   * @param select {@code u_j} reads {@code h[select[j]]}; {@code null} for {@code u = h}
   * @param pre {@code σ_pre}, applied to the selected values ({@code identity} for none)
   * @param epsilon the scale {@code ε} of a residual identity (1 for other kinds)
   */
  public record Layer(Kind kind, Activation activation, int in, int out, double[][] w, double[] b, Tying tying,
      int stateIn, int[] select, Activation pre, double epsilon) {

    /** A layer reading its whole state {@code h} ({@code u = h}, {@code stateIn = in}). */
    Layer(Kind kind, Activation activation, int in, int out, double[][] w, double[] b, Tying tying, double epsilon) {
      this(kind, activation, in, out, w, b, tying, in, null, Activation.IDENTITY, epsilon);
    }

    /** An untied (dense) layer reading its whole state, with {@code ε = 1}. */
    Layer(Kind kind, Activation activation, int in, int out, double[][] w, double[] b) {
      this(kind, activation, in, out, w, b, null, 1.0);
    }

    /** The size of the next state: {@code stateIn + out} for {@link Kind#DENSE}, else {@code out}. */
    int outputSize() {
      return kind == Kind.DENSE ? stateIn + out : out;
    }

    /**
     * The state index that {@code u_j} reads: {@code select[j]}, or {@code j} when the layer reads its
     * whole state.
     *
     * @param j a weights' input, in {@code [0, in)}
     * @return an index of the state {@code h} entering the layer, in {@code [0, stateIn)}
     * @throws ArrayIndexOutOfBoundsException if {@code j} is out of range and the layer selects
     */
    public int source(int j) {
      return select == null ? j : select[j];
    }

    /**
     * This layer with other weights and biases (same kind, shape, tying and links); the arrays are
     * used as given, not copied. For a tied layer the new entries are not checked against its
     * {@link Tying}.
     *
     * @param newW the weights, {@code out x in}
     * @param newB the biases, {@code out} values
     * @return a new layer
     */
    public Layer withWeights(double[][] newW, double[] newB) {
      return new Layer(kind, activation, in, out, newW, newB, tying, stateIn, select, pre, epsilon);
    }
  }

  /**
   * What one forward pass saw at each layer.
   *
   * @param inputs {@code inputs[l]}: the weights' input {@code u} of layer {@code l}
   * @param slopes {@code slopes[l]}: the diagonal of {@code D} at layer {@code l} (all 1 without an
   *     activation)
   * @param preSlopes {@code preSlopes[l]}: the diagonal of {@code D_pre} (all 1 without one)
   * @param output the network's output (logits), {@link #outputSize()} values
   */
  public record Pass(double[][] inputs, double[][] slopes, double[][] preSlopes, double[] output) {}

  private final List<Layer> layers;

  /**
   * A network of the given layers, input first (copied into an unmodifiable list; the layers' arrays
   * are shared). The layers are not checked against each other: each layer's {@code stateIn} must be
   * the previous layer's {@link Layer#outputSize()}.
   *
   * @param layers at least one layer
   * @throws NullPointerException if {@code layers} or one of them is {@code null}
   */
  public LocalNetwork(List<Layer> layers) {
    this.layers = List.copyOf(layers);
  }

  /**
   * The layers, input first.
   *
   * @return an unmodifiable list of at least one layer (the classifier last)
   */
  public List<Layer> layers() {
    return layers;
  }

  /**
   * Input features: the size of the state entering the first layer.
   *
   * @return a positive count
   */
  public int inputSize() {
    return layers.get(0).stateIn();
  }

  /**
   * Output features (logits): the size of the state after the last layer.
   *
   * @return a positive count
   */
  public int outputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  /**
   * Reads the layers of {@code network} by the layer rule of the class comment and draws their
   * weights.
   *
   * @param network a network of the IR (e.g. from the {@code mlp} or {@code cnn} family)
   * @param seed the trial seed (any value; the same seed gives the same weights, those the trainer
   *     starts from)
   * @return a new network with freshly drawn weights
   * @throws IllegalArgumentException if the network does not fit the rule (the message names the
   *     node), uses an activation that is not piecewise linear, or has a grouped convolution
   */
  public static LocalNetwork of(Network network, long seed) {
    return new Reader(network, InitialWeights.draw(network, Seeds.derive(seed, Seeds.WEIGHTS))).read();
  }

  /** Reads the layers of one network (see {@link #of}). */
  private static final class Reader {
    private final Network network;
    private final List<Node> nodes;
    private final NetworkWeights initial;
    private final int[] consumers;
    private final int[] lastUse;
    /** The state: node ids, in order, and each one's offset in the state vector. */
    private final List<Integer> state = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private int stateSize;

    Reader(Network network, NetworkWeights initial) {
      this.network = network;
      this.nodes = network.nodes();
      this.initial = initial;
      this.consumers = new int[nodes.size()];
      this.lastUse = new int[nodes.size()];
      for (Node n : nodes) {
        for (int i : n.inputs()) {
          consumers[i]++;
          lastUse[i] = Math.max(lastUse[i], n.id());
        }
      }
    }

    LocalNetwork read() {
      List<Layer> layers = new ArrayList<>();
      setState(List.of(0));
      int i = 1;
      if (i < nodes.size() && nodes.get(i).op() instanceof Op.Flatten && nodes.get(i).inputs().equals(List.of(0))
          && consumers[0] == 1) {
        setState(List.of(1));
        i = 2;
      }
      while (i < nodes.size()) {
        i = readLayer(i, layers);
      }
      if (layers.isEmpty() || !state.equals(List.of(nodes.size() - 1))) {
        throw new IllegalArgumentException(network.family() + ": the network has no chain of dense layers");
      }
      return new LocalNetwork(layers);
    }

    private void setState(List<Integer> ids) {
      state.clear();
      offsets.clear();
      stateSize = 0;
      for (int id : ids) {
        state.add(id);
        offsets.add(stateSize);
        stateSize += Math.toIntExact(nodes.get(id).output().size());
      }
    }

    /** Reads the layer whose first node is {@code first}; returns the index after it. */
    private int readLayer(int first, List<Layer> layers) {
      int p = first;
      while (p < nodes.size() && !(nodes.get(p).op() instanceof Op.Dense || nodes.get(p).op() instanceof Op.Conv2d
          || nodes.get(p).op() instanceof Op.GlobalAvgPool)) {
        p++;
      }
      if (p == nodes.size()) {
        throw unsupported(nodes.get(first));
      }
      Node weights = nodes.get(p);
      int stateIn = stateSize;
      int[] select = null;
      Activation pre = Activation.IDENTITY;
      java.util.function.Function<Kind, Function<Activation, Function<Double, Layer>>> factory;
      int lin = p;
      if (weights.op() instanceof Op.Dense dense) {
        Input input = input(first, p, weights.inputs().get(0));
        pre = input.pre();
        select = input.isWholeState(stateSize) ? null : input.select();
        int[] sel = select;
        Activation preAct = pre;
        factory = k -> a -> e -> {
          Layer l = initialized(k, a, dense, initial, weights.id());
          return new Layer(k, a, l.in(), l.out(), l.w(), l.b(), null, stateIn, sel, preAct, e);
        };
      } else {
        requireWholeState(first, p, weights);
        if (weights.op() instanceof Op.Conv2d conv) {
          factory = k -> a -> e -> TiedLayers.convolution(k, a, conv, weights.inputShapes().get(0), e,
              values(initial, weights.id(), NetworkWeights.WEIGHT), values(initial, weights.id(), NetworkWeights.BIAS));
        } else if (p + 1 < nodes.size() && nodes.get(p + 1).op() instanceof Op.Dense dense
            && nodes.get(p + 1).inputs().equals(List.of(p)) && consumers[p] == 1) {
          lin = p + 1;
          int denseNode = p + 1;
          factory = k -> a -> e -> TiedLayers.pooledDense(k, a, dense, weights.inputShapes().get(0), e,
              values(initial, denseNode, NetworkWeights.WEIGHT), values(initial, denseNode, NetworkWeights.BIAS));
        } else {
          throw unsupported(weights);
        }
      }
      Kind kind = Kind.LINEAR;
      Activation activation = Activation.IDENTITY;
      double epsilon = 1.0;
      int y = lin;
      int end = lin;
      if (lin + 1 < nodes.size() && nodes.get(lin + 1).op() instanceof Op.Act act
          && nodes.get(lin + 1).inputs().equals(List.of(lin)) && consumers[lin] == 1) {
        activation = act.function();
        requireSupported(nodes.get(lin + 1), activation);
        kind = Kind.PLAIN;
        y = lin + 1;
        end = lin + 1;
      }
      int next = -1;
      if (state.size() == 1 && consumers[y] == 1) {
        int h = state.get(0);
        int k = end + 1;
        int scaled = -1;
        if (k < nodes.size() && nodes.get(k).op() instanceof Op.Scale s && nodes.get(k).inputs().equals(List.of(h))
            && consumers[k] == 1) {
          scaled = k;
          epsilon = s.factor();
          k++;
        }
        if (k < nodes.size() && nodes.get(k).op() instanceof Op.Add
            && sameSet(nodes.get(k).inputs(), y, scaled >= 0 ? scaled : h) && consumers[h] == 2
            && lastUse[h] == (scaled >= 0 ? scaled : k)) {
          kind = Kind.RESIDUAL;
          end = k;
          next = k;
        } else if (scaled < 0 && k < nodes.size() && nodes.get(k).op() instanceof Op.Concat
            && nodes.get(k).inputs().equals(List.of(h, y)) && lastUse[h] == k) {
          kind = Kind.DENSE;
          end = k;
          next = k;
        } else {
          epsilon = 1.0;
        }
      }
      if (kind == Kind.RESIDUAL && nodes.get(y).output().size() != stateSize) {
        throw unsupported(nodes.get(end));
      }
      if (next >= 0) {
        setState(List.of(next));
      } else {
        int live = 0;
        for (int id : state) {
          if (lastUse[id] > end) {
            live++;
          }
        }
        if (live == 0) {
          setState(List.of(y));
        } else if (live == state.size()) {
          kind = Kind.DENSE;
          List<Integer> grown = new ArrayList<>(state);
          grown.add(y);
          setState(grown);
        } else {
          throw new IllegalArgumentException(network.family() + ": after node " + nodes.get(end).name()
              + " only part of the earlier values are read again; the layer rule needs all or none of them");
        }
      }
      layers.add(factory.apply(kind).apply(activation).apply(epsilon));
      return end + 1;
    }

    /** The weights' input: which state values, through which activation. */
    private record Input(int[] select, Activation pre) {
      boolean isWholeState(int size) {
        if (pre != Activation.IDENTITY || select.length != size) {
          return false;
        }
        for (int j = 0; j < select.length; j++) {
          if (select[j] != j) {
            return false;
          }
        }
        return true;
      }
    }

    /**
     * Resolves node {@code root}, built by the nodes {@code first..limit-1} from the state with
     * concatenations, gathers and at most one activation, to the state values it reads.
     */
    private Input input(int first, int limit, int root) {
      for (int id = first; id < limit; id++) {
        if (lastUse[id] > limit) {
          throw unsupported(nodes.get(id));
        }
      }
      Activation[] pre = {Activation.IDENTITY};
      int[] select = resolve(root, first, pre, false);
      return new Input(select, pre[0]);
    }

    private int[] resolve(int id, int first, Activation[] pre, boolean activated) {
      int at = state.indexOf(id);
      if (at >= 0) {
        int size = Math.toIntExact(nodes.get(id).output().size());
        int[] out = new int[size];
        for (int j = 0; j < size; j++) {
          out[j] = offsets.get(at) + j;
        }
        return out;
      }
      Node n = nodes.get(id);
      if (id < first) {
        throw unsupported(n);
      }
      if (n.op() instanceof Op.Act act) {
        if (activated || pre[0] != Activation.IDENTITY) {
          throw new IllegalArgumentException(network.family() + ": node " + n.name()
              + ": a layer's input may pass through one activation only");
        }
        requireSupported(n, act.function());
        pre[0] = act.function();
        return resolve(n.inputs().get(0), first, pre, true);
      }
      if (n.op() instanceof Op.Concat || n.op() instanceof Op.Gather) {
        int total = 0;
        List<int[]> parts = new ArrayList<>();
        for (int in : n.inputs()) {
          int[] part = resolve(in, first, pre, activated);
          parts.add(part);
          total += part.length;
        }
        int[] all = new int[total];
        int k = 0;
        for (int[] part : parts) {
          System.arraycopy(part, 0, all, k, part.length);
          k += part.length;
        }
        if (n.op() instanceof Op.Gather g) {
          int[] out = new int[g.indices().length];
          for (int j = 0; j < out.length; j++) {
            out[j] = all[g.indices()[j]];
          }
          return out;
        }
        return all;
      }
      throw unsupported(n);
    }

    private void requireWholeState(int first, int p, Node weights) {
      if (first != p || state.size() != 1 || !weights.inputs().equals(List.of(state.get(0)))) {
        throw unsupported(weights);
      }
    }

    private void requireSupported(Node node, Activation activation) {
      switch (activation) {
        case RELU, LEAKY_RELU, ABS, IDENTITY -> {}
        default -> throw new IllegalArgumentException(
            network.family() + ": node " + node.name() + ": activation " + activation.keyword()
                + " is not piecewise linear (relu, leaky_relu, abs or identity)");
      }
    }

    private IllegalArgumentException unsupported(Node node) {
      return new IllegalArgumentException(
          network.family() + ": node " + node.name() + " (" + node.op().getClass().getSimpleName()
              + ") does not fit the layer rule of the perturbation metrics (dense or convolution layers with"
              + " residual, concatenated or gathered links)");
    }
  }

  private static boolean sameSet(List<Integer> inputs, int a, int b) {
    return inputs.size() == 2 && inputs.contains(a) && inputs.contains(b) && a != b;
  }

  /**
   * A dense layer with node {@code id}'s initial weights ({@code out x in}, row-major) and biases (0
   * without them).
   */
  static Layer initialized(Kind kind, Activation activation, Op.Dense dense, NetworkWeights initial, int id) {
    double[] flat = values(initial, id, NetworkWeights.WEIGHT);
    double[][] w = new double[dense.out()][];
    for (int r = 0; r < dense.out(); r++) {
      w[r] = java.util.Arrays.copyOfRange(flat, r * dense.in(), (r + 1) * dense.in());
    }
    double[] b = dense.bias() ? values(initial, id, NetworkWeights.BIAS) : new double[dense.out()];
    return new Layer(kind, activation, dense.in(), dense.out(), w, b);
  }

  /** A tensor's values as doubles, or {@code null} when the node has no such tensor (no bias). */
  static double[] values(NetworkWeights weights, int id, String name) {
    float[] v = weights.valuesOrNull(id, name);
    if (v == null) {
      return null;
    }
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
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

  /**
   * Runs {@code x} through the network.
   *
   * @param x the input, {@link #inputSize()} values (not modified)
   * @return what the pass saw at each layer and the logits
   * @throws IllegalArgumentException if {@code x} does not have {@link #inputSize()} values
   */
  public Pass forward(double[] x) {
    if (x.length != inputSize()) {
      throw new IllegalArgumentException("input has " + x.length + " features, the network takes " + inputSize());
    }
    int n = layers.size();
    double[][] inputs = new double[n][];
    double[][] slopes = new double[n][];
    double[][] preSlopes = new double[n][];
    double[] h = x.clone();
    for (int l = 0; l < n; l++) {
      Layer layer = layers.get(l);
      double[] u = new double[layer.in()];
      double[] e = new double[layer.in()];
      for (int j = 0; j < layer.in(); j++) {
        double v = h[layer.source(j)];
        e[j] = slope(layer.pre(), v);
        u[j] = e[j] * v;
      }
      inputs[l] = u;
      preSlopes[l] = e;
      double[] d = new double[layer.out()];
      double[] y = new double[layer.out()];
      for (int r = 0; r < layer.out(); r++) {
        double z = layer.b()[r];
        double[] row = layer.w()[r];
        for (int j = 0; j < layer.in(); j++) {
          z += row[j] * u[j];
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
            out[r] += layer.epsilon() * h[r];
          }
          yield out;
        }
        case DENSE -> {
          double[] out = new double[layer.stateIn() + layer.out()];
          System.arraycopy(h, 0, out, 0, layer.stateIn());
          System.arraycopy(y, 0, out, layer.stateIn(), layer.out());
          yield out;
        }
      };
    }
    return new Pass(inputs, slopes, preSlopes, h);
  }

  /**
   * {@code B = D W D_pre P} of layer {@code l} in {@code pass}: {@code out x stateIn}, the part of
   * the local map that passes through the weights.
   */
  double[][] slopedWeights(int l, Pass pass) {
    Layer layer = layers.get(l);
    double[] d = pass.slopes()[l];
    double[] e = pass.preSlopes()[l];
    double[][] m = new double[layer.out()][layer.stateIn()];
    for (int r = 0; r < layer.out(); r++) {
      double[] row = layer.w()[r];
      for (int j = 0; j < layer.in(); j++) {
        m[r][layer.source(j)] += d[r] * row[j] * e[j];
      }
    }
    return m;
  }

  /**
   * The full local linear map of layer {@code l} in {@code pass}, {@code outputSize x stateIn}:
   * {@code B}, {@code B + ε I} or {@code [I; B]} by {@link Kind}, {@code B} of {@link
   * #slopedWeights}.
   */
  double[][] localMap(int l, Pass pass) {
    Layer layer = layers.get(l);
    double[][] dw = slopedWeights(l, pass);
    return switch (layer.kind()) {
      case PLAIN, LINEAR -> dw;
      case RESIDUAL -> {
        for (int r = 0; r < layer.out(); r++) {
          dw[r][r] += layer.epsilon();
        }
        yield dw;
      }
      case DENSE -> {
        double[][] m = new double[layer.stateIn() + layer.out()][];
        for (int r = 0; r < layer.stateIn(); r++) {
          m[r] = new double[layer.stateIn()];
          m[r][r] = 1;
        }
        System.arraycopy(dw, 0, m, layer.stateIn(), layer.out());
        yield m;
      }
    };
  }
}
