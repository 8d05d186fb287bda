package org.nnx.dl4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.model.Interpreter;
import org.nnx.model.NetworkWeights;

/**
 * Layerwise dynamical isometry (LDI) of a DenseNet-type MLP at initialization, as defined by
 * Bhardwaj, Li and Marculescu ("How does topology influence gradient propagation and model
 * performance of deep networks with DenseNet-type skip connections?", CVPR 2021, Section 4) and
 * computed in their code ({@code Dense_MLP.isometry} and {@code dev} in {@code model_zoo.py} of
 * SLDGroup/NN_Mass): the singular values of every layer's input-output Jacobian, for every example,
 * pooled; LDI is their mean (ideally near 1) and their standard deviation is reported too.
 *
 * <p>The same definition applies to the plain, residual (with the identity scaled by {@code ε}, an
 * {@link Op.Scale} node) and DenseNet-type MLPs of the perturbation plugin's {@code mlp} family.
 *
 * <p>The layers are the dense nodes of the network, in order. With {@code W} a layer's weight
 * ({@code out x in}), {@code z} the values its activation is applied to and {@code sigma'} the
 * derivative of that activation ({@link Activation#derivative}):
 *
 * <ul>
 *   <li>a layer reading the network input whose output is activated (the authors' layer 0, {@code
 *       out_0 = sigma(W_0 x + b_0)}): {@code J = diag(sigma'(W_0 x + b_0)) W_0}, the Jacobian of {@code
 *       x -> out_0}; that activation belongs to this layer;
 *   <li>a layer whose output's only consumer is an activation all of whose consumers are additions
 *       or concatenations (a hidden layer of the {@code mlp} family: residual, {@code h_{i+1} =
 *       sigma(W_i h_i + b_i) + ε h_i}, or DenseNet-type, {@code h_{i+1} = [h_i; sigma(W_i h_i +
 *       b_i)]}): {@code J = diag(sigma'(W_i h_i + b_i)) W_i}, the Jacobian of {@code h_i ->
 *       sigma(W_i h_i + b_i)}; that activation belongs to this layer. The skip link itself (the
 *       identity, scaled or concatenated) is not part of any layer's Jacobian. In {@code dense_mlp}
 *       and {@code cells} no activation feeds an addition or a concatenation, so this rule never
 *       applies there;
 *   <li>a layer whose input is an activation not already counted (layers {@code i >= 2}, {@code
 *       out_i = W_i sigma(z_i) + b_i}, {@code z_i} the concatenation of the previous output and the
 *       gathered long-range units): {@code J = W_i diag(sigma'(z_i))}, the Jacobian of {@code z_i ->
 *       out_i};
 *   <li>any other layer (the authors' layer 1, whose input {@code out_0} was activated by layer 0):
 *       {@code J = W}.
 *   <li>the classifier: its input is not activated, so by the rules above {@code J = W}. The
 *       authors' {@code dev} nevertheless multiplies it by {@code diag(sigma'(z))} of the network's
 *       activation, as for every layer {@code i >= 2}; with {@code maskClassifierInput} this class
 *       does the same, which is what their published values measure.
 * </ul>
 *
 * <p>Each activation is thus counted in exactly one layer (in a {@code cells} network, the
 * activated input and output of a later cell's layer 0 count in its layers 0 and 1; in a plain
 * {@code mlp}, laid out as {@code dense_mlp} with {@code tc = 0} except that the classifier's input
 * is activated too, the activation after layer {@code i >= 1} counts as the input activation of
 * layer {@code i+1}, the classifier included). In a residual or DenseNet-type {@code mlp} the
 * classifier's input is an addition or a concatenation of activations already counted, so its rule
 * is {@code J = W} whatever {@code maskClassifierInput} says: the authors' mask is kept only where
 * they apply it, to an input no activation was counted for, so that no activation counts twice
 * (for ReLU, masking would repeat the last hidden layer's pattern). Each example
 * contributes {@code min(out, in)} singular values per layer, zeros included.
 *
 * <p>Differences from the authors' code, none of which changes the definition: (1) their ELU
 * derivative is inverted ({@code torch.where(x > 0, exp(x), 0)}, i.e. {@code exp(x)} for positive
 * and 0 for negative inputs, where the derivative is 1 for {@code x > 0} and {@code exp(x)} for
 * {@code x <= 0}); this class uses the correct derivative of every activation. (2) They average the
 * mean and the standard deviation over batches of 100 test images; the mean is the same as the
 * pooled mean used here, the standard deviation here is the pooled sample standard deviation. (3)
 * They compute in single precision; this class computes in double precision from the
 * single-precision initial weights.
 */
public final class LayerwiseIsometry {

  /**
   * One layer's Jacobian rule.
   *
   * @param node the dense node's id
   * @param weight its weight, {@code out x in}
   * @param pre the activation whose derivative multiplies the Jacobian on the right, or {@code null}
   * @param preSource the node whose values that activation is applied to ({@code z}), or -1
   * @param post the activation whose derivative multiplies it on the left, or {@code null}
   */
  public record Layer(int node, double[][] weight, Activation pre, int preSource, Activation post) {}

  /** Mean and standard deviation of the pooled singular values. */
  public record Result(double mean, double std, long singularValues) {}

  private final Network network;
  private final Interpreter interpreter;
  private final List<Layer> layers;

  private LayerwiseIsometry(Network network, NetworkWeights weights, List<Layer> layers) {
    this.network = network;
    this.interpreter = new Interpreter(network, weights);
    this.layers = List.copyOf(layers);
  }

  /**
   * Finds the layers of {@code network} and their Jacobian rules (see the class comment).
   *
   * @param network an MLP of dense, activation, concatenation, gather, addition and scale nodes
   *     ({@code dense_mlp}, {@code cells}, {@code mlp})
   * @param weights its initial parameters
   * @param maskClassifierInput whether the classifier's Jacobian is multiplied by the derivative of
   *     the network's activation at its input, as in the authors' code
   * @throws IllegalArgumentException if the network has other kinds of nodes
   */
  public static LayerwiseIsometry of(Network network, NetworkWeights weights, boolean maskClassifierInput) {
    List<Node> nodes = network.nodes();
    for (Node n : nodes) {
      Op op = n.op();
      if (!(op instanceof Op.Input || op instanceof Op.Dense || op instanceof Op.Act || op instanceof Op.Concat
          || op instanceof Op.Gather || op instanceof Op.Add || op instanceof Op.Scale)) {
        throw new IllegalArgumentException("ldi is defined for MLPs of dense layers, activations, links and"
            + " scaled residual additions (dense_mlp, cells, mlp); " + network.family() + " has " + n.name() + " ("
            + op.getClass().getSimpleName() + ")");
      }
    }
    List<List<Node>> consumers = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      consumers.add(new ArrayList<>());
    }
    for (Node n : nodes) {
      for (int i : n.inputs()) {
        consumers.get(i).add(n);
      }
    }
    int last = nodes.size() - 1;
    Set<Integer> counted = new HashSet<>();
    Activation lastActivation = null;
    List<Layer> layers = new ArrayList<>();
    for (Node n : nodes) {
      if (n.op() instanceof Op.Act a) {
        lastActivation = a.function();
      }
      if (!(n.op() instanceof Op.Dense d)) {
        continue;
      }
      int input = n.inputs().get(0);
      Node in = nodes.get(input);
      Activation pre = null;
      int preSource = -1;
      Activation post = null;
      if (in.op() instanceof Op.Act a && !counted.contains(input)) {
        pre = a.function();
        preSource = in.inputs().get(0);
        counted.add(input);
      } else if (n.id() == last && maskClassifierInput && lastActivation != null
          && !combinesCountedActivations(in, nodes, counted)) {
        pre = lastActivation;
        preSource = input;
      }
      if (input == 0) {
        for (Node c : nodes) {
          if (c.op() instanceof Op.Act a && c.inputs().equals(List.of(n.id()))) {
            post = a.function();
            counted.add(c.id());
            break;
          }
        }
      } else if (consumers.get(n.id()).size() == 1 && consumers.get(n.id()).get(0).op() instanceof Op.Act a) {
        // a residual or DenseNet-type mlp layer: its activation feeds only the skip links
        int act = consumers.get(n.id()).get(0).id();
        List<Node> links = consumers.get(act);
        if (!links.isEmpty() && links.stream().allMatch(c -> c.op() instanceof Op.Add || c.op() instanceof Op.Concat)) {
          post = a.function();
          counted.add(act);
        }
      }
      float[] w = weights.get(n.id(), NetworkWeights.WEIGHT).values();
      double[][] weight = new double[d.out()][d.in()];
      for (int o = 0; o < d.out(); o++) {
        for (int i = 0; i < d.in(); i++) {
          weight[o][i] = w[o * d.in() + i];
        }
      }
      layers.add(new Layer(n.id(), weight, pre, preSource, post));
    }
    return new LayerwiseIsometry(network, weights, layers);
  }

  /**
   * Whether {@code node} is an addition or a concatenation with an input that is an activation
   * already counted in a layer (the classifier input of a residual or DenseNet-type {@code mlp}).
   */
  private static boolean combinesCountedActivations(Node node, List<Node> nodes, Set<Integer> counted) {
    if (!(node.op() instanceof Op.Add || node.op() instanceof Op.Concat)) {
      return false;
    }
    for (int i : node.inputs()) {
      if (nodes.get(i).op() instanceof Op.Act && counted.contains(i)) {
        return true;
      }
    }
    return false;
  }

  /** The layers, in node order. */
  public List<Layer> layers() {
    return layers;
  }

  /**
   * The values of every node for one example, in double precision ({@link Interpreter}); the
   * arrays are the interpreter's buffers, overwritten by the next call.
   *
   * @param features row-major examples
   * @param example which example
   * @return {@code values[node]}
   */
  public double[][] forward(float[] features, int example) {
    return interpreter.forward(features, example);
  }

  /**
   * The Jacobian of {@code layer} at the node values of one example: {@code diag(post'(W x + b)) W
   * diag(pre'(z))}, factors absent when the rule has no such activation.
   *
   * @param values the example's node values ({@link #forward})
   * @return {@code out x in}
   */
  public double[][] jacobian(Layer layer, double[][] values) {
    double[][] w = layer.weight();
    double[][] j = new double[w.length][];
    double[] z = layer.pre() == null ? null : values[layer.preSource()];
    double[] y = layer.post() == null ? null : values[layer.node()];
    for (int o = 0; o < w.length; o++) {
      double left = y == null ? 1 : layer.post().derivative(y[o]);
      j[o] = new double[w[o].length];
      for (int i = 0; i < w[o].length; i++) {
        double right = z == null ? 1 : layer.pre().derivative(z[i]);
        j[o][i] = left * w[o][i] * right;
      }
    }
    return j;
  }

  /**
   * The {@code min(m, n)} singular values of an {@code m x n} matrix {@code J}: the square roots of
   * the eigenvalues of the smaller Gram matrix, {@code J J^T} or {@code J^T J} (symmetric, positive
   * semi-definite; eigenvalues below 0 by rounding count as 0). This costs {@code O(min^2 max)}
   * instead of a full SVD's larger constant, and agrees with the SVD to about {@code 1e-8 *
   * ||J||}. Commons Math's symmetric eigensolver gives up on some Gram matrices (a {@link
   * MaxCountExceededException} after its iteration limit, seen on wide DenseNet-type layers with
   * many zero singular values); those are decomposed by its SVD instead, whose singular values of a
   * positive semi-definite matrix are its eigenvalues.
   *
   * @return the singular values, in no particular order
   */
  public static double[] singularValues(double[][] j) {
    int m = j.length;
    int n = j[0].length;
    boolean rows = m <= n;
    int k = rows ? m : n;
    double[][] g = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b <= a; b++) {
        double s = 0;
        if (rows) {
          double[] ja = j[a];
          double[] jb = j[b];
          for (int i = 0; i < n; i++) {
            s += ja[i] * jb[i];
          }
        } else {
          for (int i = 0; i < m; i++) {
            s += j[i][a] * j[i][b];
          }
        }
        g[a][b] = s;
        g[b][a] = s;
      }
    }
    double[] eigen = gramEigenvalues(g);
    double[] out = new double[k];
    for (int i = 0; i < k; i++) {
      out[i] = Math.sqrt(Math.max(eigen[i], 0));
    }
    return out;
  }

  /**
   * The eigenvalues of a symmetric positive semi-definite matrix {@code g}, in no particular order:
   * by Commons Math's symmetric eigensolver, or by its SVD where the eigensolver exceeds its
   * iteration limit (see {@link #singularValues}).
   */
  static double[] gramEigenvalues(double[][] g) {
    Array2DRowRealMatrix gram = new Array2DRowRealMatrix(g, false);
    try {
      return new EigenDecomposition(gram).getRealEigenvalues();
    } catch (MaxCountExceededException e) {
      return new SingularValueDecomposition(gram).getSingularValues();
    }
  }

  /**
   * LDI over the first {@code count} examples: the mean and sample standard deviation of the
   * singular values of every layer's Jacobian at every example, pooled.
   *
   * @param features row-major examples of the network's input size
   * @param count examples used, at least 1
   * @throws IllegalArgumentException if {@code features} holds fewer examples
   */
  public Result measure(float[] features, int count) {
    long size = network.input().size();
    if (count < 1 || features.length < count * size) {
      throw new IllegalArgumentException("ldi needs " + count + " examples of " + size + " values");
    }
    double sum = 0;
    double sumSquares = 0;
    long n = 0;
    double shift = Double.NaN;
    for (int e = 0; e < count; e++) {
      double[][] values = forward(features, e);
      for (Layer layer : layers) {
        for (double v : singularValues(jacobian(layer, values))) {
          if (Double.isNaN(shift)) {
            shift = v;
          }
          double d = v - shift;
          sum += d;
          sumSquares += d * d;
          n++;
        }
      }
    }
    double mean = sum / n;
    double variance = n > 1 ? (sumSquares - n * mean * mean) / (n - 1) : 0;
    return new Result(shift + mean, Math.sqrt(Math.max(variance, 0)), n);
  }
}
