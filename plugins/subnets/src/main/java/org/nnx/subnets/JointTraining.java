package org.nnx.subnets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nnx.data.Dataset;
import org.nnx.dl4j.CompiledGraph;
import org.nnx.dl4j.GraphCompiler;
import org.nnx.dl4j.Minibatches;
import org.nnx.dl4j.NativeRuntime;
import org.nnx.dl4j.TrainingLoop;
import org.nnx.dl4j.TrainingOptions;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Seeds;

/**
 * Trains k nested subnets of one network together (Yang et al., DAC 2020, Section 3.3): every step
 * takes one minibatch, computes the loss {@code Σ_k CE(f_k(x), y)} of all subnets on it, and takes
 * one optimizer step on its gradient. The weights and biases of dense and convolution layers are
 * shared: subnet k's arrays are slices of the full network's ({@link SubnetSlicer}), so the gradient
 * of a shared weight is the sum of its slices' gradients. Each subnet keeps private batch norms
 * (scale, shift and running statistics, started from the full network's channels), because a
 * narrower layer's activations have other statistics.
 *
 * <p>Each subnet runs as its own physically smaller DL4J graph: before its forward pass the current
 * shared values are copied into its arrays, after its backward pass its gradients are added into the
 * full network's gradient. The optimizer is PyTorch's Adam or SGD (with momentum, Nesterov and
 * weight decay on the shared weights and biases) at the {@code train} block's constant learning
 * rate; a schedule is not applied. Everything random comes from the seed: the example order,
 * reshuffled every epoch, from {@code Seeds.derive(seed, Seeds.SHUFFLE)}.
 */
public final class JointTraining {

  private static final Logger LOG = LogManager.getLogger(JointTraining.class);

  /** Shared values are indexed exactly as single-precision numbers while the slicing runs. */
  private static final int MAX_SHARED = 1 << 24;

  /**
   * One trained subnet.
   *
   * @param widths its width per group of the full network
   * @param network the physically smaller network
   * @param weights its weights: shared slices and its private batch norms
   * @param testAccuracy accuracy on the first {@code testSamples} test examples, in [0, 1]
   * @param trainLoss its mean cross entropy over the last epoch
   */
  public record Subnet(int[] widths, Network network, NetworkWeights weights, double testAccuracy, double trainLoss) {}

  private JointTraining() {}

  /**
   * Trains the subnets of {@code widths} together, starting from {@code start}.
   *
   * @param slicer which channels each subnet keeps
   * @param widths one width vector per subnet, smallest first; nested
   * @param start weights of the full network {@code slicer.groups().network()}
   * @param data the data set; its examples must fit the network
   * @param options the optimizer, batch, epochs and sample limits
   * @param seed the seed of the example order
   * @return the trained subnets in the order of {@code widths}
   * @throws IllegalArgumentException if the network has more than 2^24 shared values
   */
  public static List<Subnet> train(SubnetSlicer slicer, List<int[]> widths, NetworkWeights start, Dataset data,
      TrainingOptions options, long seed) {
    NativeRuntime.configure();
    Network full = slicer.groups().network();
    SharedLayout layout = new SharedLayout(full, start);
    List<Member> members = new ArrayList<>();
    try {
      for (int[] w : widths) {
        members.add(new Member(w, slicer, layout, start, options));
      }
      int trainExamples = limit(data.train().size(), options.trainSamples());
      float[] shared = layout.values(start);
      float[] grad = new float[shared.length];
      Rule rule = new Rule(options, shared.length);
      double[] lastLoss = new double[members.size()];
      long[] exampleShape = TrainingLoop.exampleShape(members.get(0).compiled);
      try (Minibatches train = new Minibatches(data.train(), trainExamples, options.batch(), data.classes(),
          exampleShape)) {
        SplittableRandom shuffle = new SplittableRandom(Seeds.derive(seed, Seeds.SHUFFLE));
        LOG.info("training {} subnets of {} together: {} epochs of {} examples", members.size(), full.family(),
            options.epochs(), trainExamples);
        long began = System.nanoTime();
        long step = 0;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
          train.shuffle(shuffle);
          double[] sums = new double[members.size()];
          for (int i = 0; i < train.count(); i++) {
            java.util.Arrays.fill(grad, 0f);
            step++;
            for (int k = 0; k < members.size(); k++) {
              Member m = members.get(k);
              m.share(shared);
              double loss = m.backward(train.features(i), train.labels(i), grad);
              m.updatePrivate(step);
              sums[k] += loss * train.features(i).size(0);
            }
            rule.step(shared, grad, step, true);
          }
          for (int k = 0; k < members.size(); k++) {
            lastLoss[k] = sums[k] / trainExamples;
          }
          LOG.info("epoch {} after {} s: train losses {}", epoch + 1,
              String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - began) / 1e9),
              java.util.Arrays.toString(lastLoss));
        }
      }
      int testExamples = limit(data.test().size(), options.testSamples());
      List<Subnet> out = new ArrayList<>();
      try (Minibatches test = new Minibatches(data.test(), testExamples, options.batch(), data.classes(), exampleShape)) {
        test.inOrder();
        for (int k = 0; k < members.size(); k++) {
          Member m = members.get(k);
          m.share(shared);
          out.add(new Subnet(m.widths.clone(), m.compiled.network(), m.compiled.weights(),
              accuracy(m.compiled.graph(), test, data.test().labels()), lastLoss[k]));
        }
      }
      return out;
    } finally {
      members.forEach(m -> m.compiled.release());
    }
  }

  /** The accuracy of a graph in evaluation mode on every example of {@code batches}, in order. */
  static double accuracy(ComputationGraph graph, Minibatches batches, int[] labels) {
    long correct = 0;
    long seen = 0;
    for (int i = 0; i < batches.count(); i++) {
      INDArray p = graph.output(false, batches.features(i))[0];
      long[] predicted = p.argMax(1).toLongVector();
      for (long c : predicted) {
        if (c == labels[batches.example((int) seen)]) {
          correct++;
        }
        seen++;
      }
    }
    return seen == 0 ? Double.NaN : (double) correct / seen;
  }

  private static int limit(int size, int limit) {
    return limit > 0 ? Math.min(size, limit) : size;
  }

  /**
   * Where each shared tensor of the full network (weights and biases of dense and convolution
   * layers, PyTorch's layouts) lies in one flat array.
   */
  private static final class SharedLayout {

    final Network network;
    final Map<Integer, Map<String, Integer>> offsets = new java.util.LinkedHashMap<>();
    final int size;

    SharedLayout(Network network, NetworkWeights weights) {
      this.network = network;
      int offset = 0;
      for (Node node : network.nodes()) {
        if (!(node.op() instanceof Op.Dense || node.op() instanceof Op.Conv2d)) {
          continue;
        }
        for (String name : List.of(NetworkWeights.WEIGHT, NetworkWeights.BIAS)) {
          float[] v = weights.valuesOrNull(node.id(), name);
          if (v != null) {
            offsets.computeIfAbsent(node.id(), id -> new java.util.LinkedHashMap<>()).put(name, offset);
            offset += v.length;
          }
        }
      }
      if (offset >= MAX_SHARED) {
        throw new IllegalArgumentException("the network shares " + offset + " values; joint training handles at most "
            + MAX_SHARED);
      }
      this.size = offset;
    }

    /** The shared tensors of {@code weights}, flat. */
    float[] values(NetworkWeights weights) {
      float[] out = new float[size];
      offsets.forEach((id, names) -> names.forEach((name, offset) -> {
        float[] v = weights.get(id, name).values();
        System.arraycopy(v, 0, out, offset, v.length);
      }));
      return out;
    }

    /**
     * {@code weights} with every shared value replaced by its own flat index (exact as a float below
     * 2^24), so that slicing them tells where each slice's value comes from.
     */
    NetworkWeights indices(NetworkWeights weights) {
      NetworkWeights.Builder b = NetworkWeights.builder().putAll(weights);
      offsets.forEach((id, names) -> names.forEach((name, offset) -> {
        org.nnx.model.Tensor t = weights.get(id, name);
        float[] v = new float[t.values().length];
        for (int i = 0; i < v.length; i++) {
          v[i] = offset + i;
        }
        b.put(id, name, t.shape(), v);
      }));
      return b.build();
    }
  }

  /** One subnet: its graph, where its shared arrays come from, and its private batch norms. */
  private static final class Member {

    final int[] widths;
    final CompiledGraph compiled;
    final List<SharedArray> shared = new ArrayList<>();
    final List<PrivateArray> trainable = new ArrayList<>();
    final List<PrivateArray> running = new ArrayList<>();
    final Rule rule;
    private Gradient lastGradient;
    private float lastScale;
    private float[] privateValues;
    private float[] privateGrad;

    Member(int[] widths, SubnetSlicer slicer, SharedLayout layout, NetworkWeights start, TrainingOptions options) {
      this.widths = widths.clone();
      Network network = slicer.network(widths);
      // the graph first holds each shared value's index, read back per array, then the real values
      compiled = GraphCompiler.compile(network, slicer.weights(widths, layout.indices(start)), new NoOp(), 0, 0,
          DataType.FLOAT);
      int privateCount = 0;
      for (Map.Entry<Integer, List<String>> e : compiled.layersOf().entrySet()) {
        Node node = network.nodes().get(e.getKey());
        for (String layerName : e.getValue()) {
          org.deeplearning4j.nn.api.Layer layer = compiled.graph().getLayer(layerName);
          for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
            String variable = layerName + "_" + p.getKey();
            if (!(node.op() instanceof Op.BatchNorm)) {
              float[] v = floats(p.getValue());
              int[] index = new int[v.length];
              for (int i = 0; i < v.length; i++) {
                index[i] = (int) v[i];
              }
              shared.add(new SharedArray(p.getValue(), variable, index));
            } else if (p.getKey().equals(BatchNormalizationParamInitializer.GAMMA)
                || p.getKey().equals(BatchNormalizationParamInitializer.BETA)) {
              trainable.add(new PrivateArray(p.getValue(), variable, privateCount));
              privateCount += (int) p.getValue().length();
            } else {
              running.add(new PrivateArray(p.getValue(), variable, 0));
            }
          }
        }
      }
      compiled.load(slicer.weights(widths, start));
      rule = new Rule(options, privateCount);
      privateValues = new float[privateCount];
      privateGrad = new float[privateCount];
    }

    /** Copies the current shared values into this subnet's arrays. */
    void share(float[] values) {
      for (SharedArray a : shared) {
        float[] v = new float[a.index.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = values[a.index[i]];
        }
        a.param.assign(Nd4j.create(v, a.param.shape(), 'c'));
      }
    }

    /** Forward and backward pass on one minibatch; adds the shared gradients into {@code grad}. */
    double backward(INDArray x, INDArray y, float[] grad) {
      ComputationGraph graph = compiled.graph();
      graph.setInputs(x);
      graph.setLabels(y);
      graph.computeGradientAndScore();
      Gradient g = graph.gradient();
      // DL4J's gradients are sums over the minibatch; its updater divides them by the batch size
      float scale = 1f / x.size(0);
      for (SharedArray a : shared) {
        float[] d = floats(gradientOf(g, a.variable));
        for (int i = 0; i < d.length; i++) {
          grad[a.index[i]] += d[i] * scale;
        }
      }
      lastGradient = g;
      lastScale = scale;
      return graph.score();
    }

    /**
     * Steps the private scales and shifts with their own gradients, and moves the running statistics
     * as DL4J's no-op updater would (the batch norm hands their change as a "gradient").
     */
    void updatePrivate(long step) {
      for (PrivateArray a : trainable) {
        float[] v = floats(a.param);
        System.arraycopy(v, 0, privateValues, a.offset, v.length);
        float[] d = floats(gradientOf(lastGradient, a.variable));
        for (int i = 0; i < d.length; i++) {
          privateGrad[a.offset + i] = d[i] * lastScale;
        }
      }
      rule.step(privateValues, privateGrad, step, false);
      for (PrivateArray a : trainable) {
        float[] v = java.util.Arrays.copyOfRange(privateValues, a.offset, a.offset + (int) a.param.length());
        a.param.assign(Nd4j.create(v, a.param.shape(), 'c'));
      }
      // the running statistics' changes are not divided by the batch size
      for (PrivateArray a : running) {
        a.param.subi(gradientOf(lastGradient, a.variable).reshape(a.param.shape()));
      }
    }
  }

  private static INDArray gradientOf(Gradient g, String variable) {
    INDArray d = g.getGradientFor(variable);
    if (d == null) {
      throw new IllegalStateException("DL4J computed no gradient for " + variable + "; it has "
          + g.gradientForVariable().keySet());
    }
    return d;
  }

  private static float[] floats(INDArray a) {
    return a.dup('c').castTo(DataType.FLOAT).data().asFloat();
  }

  private record SharedArray(INDArray param, String variable, int[] index) {}

  private record PrivateArray(INDArray param, String variable, int offset) {}
}
