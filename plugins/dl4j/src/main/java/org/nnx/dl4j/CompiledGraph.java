package org.nnx.dl4j;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.NetworkWeights;

/**
 * A network compiled to a DL4J graph by {@link GraphCompiler}.
 *
 * @param graph the initialized graph
 * @param network the network it computes
 * @param input the name of the graph's input
 * @param output the name of the graph's output layer (softmax probabilities)
 * @param outputOf for every node, the vertex whose output is the node's output
 * @param layersOf for every node with parameters, the DL4J layers holding them (several for a
 *     grouped convolution, one per group)
 */
public record CompiledGraph(ComputationGraph graph, Network network, String input, String output,
    Map<Integer, String> outputOf, Map<Integer, List<String>> layersOf) {

  public CompiledGraph {
    outputOf = Collections.unmodifiableMap(outputOf);
    layersOf = Collections.unmodifiableMap(layersOf);
  }

  /**
   * Trainable parameters of the graph: every parameter whose updater is not DL4J's {@code NoOp},
   * which excludes the batch-norm running statistics DL4J keeps in its parameter vector. Equals {@code
   * network().parameters()} for every network the compiler accepts.
   */
  public long trainableParameters() {
    long n = 0;
    for (GraphVertex v : graph.getVertices()) {
      if (v.hasLayer()) {
        org.deeplearning4j.nn.conf.layers.Layer conf = v.getLayer().conf().getLayer();
        for (Map.Entry<String, INDArray> p : v.getLayer().paramTable(true).entrySet()) {
          if (!(conf.getUpdaterByParam(p.getKey()) instanceof NoOp)) {
            n += p.getValue().length();
          }
        }
      }
    }
    return n;
  }

  /**
   * The shape the graph's input takes for {@code batch} examples: {@code [batch, features]} for a
   * vector input, {@code [batch, channels, height, width]} otherwise.
   */
  public long[] inputShape(int batch) {
    TensorShape s = network.input();
    return s.isVector() ? new long[] {batch, s.channels()} : new long[] {batch, s.channels(), s.height(), s.width()};
  }

  /**
   * Frees the native memory of the graph's parameters, gradients and updater state now (DL4J's
   * {@code close()} also destroys the thread's workspaces, which the next graph on this thread
   * reuses, and forces a full garbage collection, which stalls every trial). The graph must not be
   * used afterwards.
   */
  public void release() {
    close(graph.params());
    close(graph.getFlattenedGradients());
    if (graph.getUpdater(false) != null) {
      close(graph.getUpdater(false).getStateViewArray());
    }
  }

  private static void close(INDArray a) {
    if (a != null && a.closeable()) {
      a.close();
    }
  }

  /**
   * Copies {@code weights} into the graph's parameters, converting PyTorch's layouts to DL4J's:
   * dense {@code W} is {@code in x out}, a convolution's {@code W} is {@code out x in x k x k}, a
   * depth-wise convolution's {@code W} is {@code k x k x in x multiplier}; biases are vectors of
   * {@code out} values. Batch norms get scale, shift, running mean and running variance (DL4J keeps
   * {@code log10(sqrt(var))} in its log-std form and normalizes by {@code sqrt(var + eps)}).
   *
   * @throws IllegalArgumentException if {@code weights} lacks a tensor or has one of the wrong size
   */
  public void load(NetworkWeights weights) {
    for (Map.Entry<Integer, List<String>> e : layersOf.entrySet()) {
      Node node = network.nodes().get(e.getKey());
      int id = node.id();
      if (node.op() instanceof Op.Dense d) {
        Layer layer = graph.getLayer(e.getValue().get(0));
        set(layer, DefaultParamInitializer.WEIGHT_KEY, array(values(weights, id, NetworkWeights.WEIGHT), d.out(), d.in())
            .transpose());
        if (d.bias()) {
          set(layer, DefaultParamInitializer.BIAS_KEY, array(values(weights, id, NetworkWeights.BIAS), 1, d.out()));
        }
      } else if (node.op() instanceof Op.Conv2d c) {
        loadConvolution(c, e.getValue(), values(weights, id, NetworkWeights.WEIGHT),
            c.bias() ? values(weights, id, NetworkWeights.BIAS) : null);
      } else if (node.op() instanceof Op.BatchNorm b) {
        Layer layer = graph.getLayer(e.getValue().get(0));
        int n = b.channels();
        set(layer, BatchNormalizationParamInitializer.GAMMA, array(values(weights, id, NetworkWeights.WEIGHT), 1, n));
        set(layer, BatchNormalizationParamInitializer.BETA, array(values(weights, id, NetworkWeights.BIAS), 1, n));
        set(layer, BatchNormalizationParamInitializer.GLOBAL_MEAN,
            array(values(weights, id, NetworkWeights.RUNNING_MEAN), 1, n));
        float[] var = values(weights, id, NetworkWeights.RUNNING_VAR);
        if (layer.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
          // DL4J normalizes by sqrt(10^(2 s) + eps) at inference, so s = log10(sqrt(var)) gives PyTorch's
          // (x - mean) / sqrt(var + eps)
          float[] logStd = new float[n];
          for (int i = 0; i < n; i++) {
            logStd[i] = (float) (0.5 * Math.log10(var[i]));
          }
          set(layer, BatchNormalizationParamInitializer.GLOBAL_LOG_STD, array(logStd, 1, n));
        } else {
          set(layer, BatchNormalizationParamInitializer.GLOBAL_VAR, array(var, 1, n));
        }
      }
    }
  }

  /**
   * The graph's current parameters in PyTorch's layouts and names (see {@link NetworkWeights}): the
   * inverse of {@link #load}, so {@code load(weights())} changes nothing.
   */
  public NetworkWeights weights() {
    NetworkWeights.Builder out = NetworkWeights.builder();
    for (Map.Entry<Integer, List<String>> e : layersOf.entrySet()) {
      Node node = network.nodes().get(e.getKey());
      int id = node.id();
      if (node.op() instanceof Op.Dense d) {
        Layer layer = graph.getLayer(e.getValue().get(0));
        out.put(id, NetworkWeights.WEIGHT, new int[] {d.out(), d.in()},
            floats(layer.getParam(DefaultParamInitializer.WEIGHT_KEY).transpose()));
        if (d.bias()) {
          out.put(id, NetworkWeights.BIAS, new int[] {d.out()}, floats(layer.getParam(DefaultParamInitializer.BIAS_KEY)));
        }
      } else if (node.op() instanceof Op.Conv2d c) {
        readConvolution(out, id, c, e.getValue());
      } else if (node.op() instanceof Op.BatchNorm b) {
        Layer layer = graph.getLayer(e.getValue().get(0));
        int[] shape = {b.channels()};
        out.put(id, NetworkWeights.WEIGHT, shape, floats(layer.getParam(BatchNormalizationParamInitializer.GAMMA)));
        out.put(id, NetworkWeights.BIAS, shape, floats(layer.getParam(BatchNormalizationParamInitializer.BETA)));
        out.put(id, NetworkWeights.RUNNING_MEAN, shape,
            floats(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN)));
        float[] var;
        if (layer.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
          float[] logStd = floats(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
          var = new float[logStd.length];
          for (int i = 0; i < var.length; i++) {
            var[i] = (float) Math.pow(10, 2.0 * logStd[i]);
          }
        } else {
          var = floats(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
        out.put(id, NetworkWeights.RUNNING_VAR, shape, var);
      }
    }
    return out.build();
  }

  private void readConvolution(NetworkWeights.Builder out, int id, Op.Conv2d c, List<String> layers) {
    int k = c.kernel();
    int inPerGroup = c.in() / c.groups();
    int[] shape = {c.out(), inPerGroup, k, k};
    if (c.groups() > 1 && c.groups() == c.in()) {
      Layer layer = graph.getLayer(layers.get(0));
      // DL4J's [k, k, in, multiplier] back to PyTorch's [in * multiplier, 1, k, k]
      out.put(id, NetworkWeights.WEIGHT, shape, floats(layer.getParam(DefaultParamInitializer.WEIGHT_KEY).permute(2, 3, 0, 1)));
      if (c.bias()) {
        out.put(id, NetworkWeights.BIAS, new int[] {c.out()}, floats(layer.getParam(DefaultParamInitializer.BIAS_KEY)));
      }
      return;
    }
    int outPerGroup = c.out() / c.groups();
    int perGroup = outPerGroup * inPerGroup * k * k;
    float[] w = new float[perGroup * c.groups()];
    float[] b = c.bias() ? new float[c.out()] : null;
    for (int g = 0; g < layers.size(); g++) {
      Layer layer = graph.getLayer(layers.get(g));
      System.arraycopy(floats(layer.getParam(DefaultParamInitializer.WEIGHT_KEY)), 0, w, g * perGroup, perGroup);
      if (b != null) {
        System.arraycopy(floats(layer.getParam(DefaultParamInitializer.BIAS_KEY)), 0, b, g * outPerGroup, outPerGroup);
      }
    }
    out.put(id, NetworkWeights.WEIGHT, shape, w);
    if (b != null) {
      out.put(id, NetworkWeights.BIAS, new int[] {c.out()}, b);
    }
  }

  /** The values of an array in C order, single precision. */
  private static float[] floats(INDArray a) {
    return a.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
  }

  private static float[] values(NetworkWeights weights, int id, String name) {
    return weights.get(id, name).values();
  }

  private void loadConvolution(Op.Conv2d c, List<String> layers, float[] weight, float[] bias) {
    int k = c.kernel();
    int inPerGroup = c.in() / c.groups();
    if (c.groups() > 1 && c.groups() == c.in()) {
      int multiplier = c.out() / c.in();
      Layer layer = graph.getLayer(layers.get(0));
      // PyTorch's output channel o = c * multiplier + m reads input channel c, as DL4J's does
      set(layer, DefaultParamInitializer.WEIGHT_KEY, array(weight, c.in(), multiplier, k, k).permute(2, 3, 0, 1));
      if (c.bias()) {
        set(layer, DefaultParamInitializer.BIAS_KEY, array(bias, 1, c.out()));
      }
      return;
    }
    int outPerGroup = c.out() / c.groups();
    int perGroup = outPerGroup * inPerGroup * k * k;
    for (int g = 0; g < layers.size(); g++) {
      Layer layer = graph.getLayer(layers.get(g));
      float[] part = java.util.Arrays.copyOfRange(weight, g * perGroup, (g + 1) * perGroup);
      set(layer, DefaultParamInitializer.WEIGHT_KEY, array(part, outPerGroup, inPerGroup, k, k));
      if (c.bias()) {
        float[] partBias = java.util.Arrays.copyOfRange(bias, g * outPerGroup, (g + 1) * outPerGroup);
        set(layer, DefaultParamInitializer.BIAS_KEY, array(partBias, 1, outPerGroup));
      }
    }
  }

  private static INDArray array(float[] values, long... shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    if (n != values.length) {
      throw new IllegalArgumentException("expected " + n + " initial values, got " + values.length);
    }
    return Nd4j.create(values, shape, 'c');
  }

  private static void set(Layer layer, String key, INDArray value) {
    INDArray target = layer.getParam(key);
    if (target != null && value.isVector() && target.isVector() && target.length() == value.length()) {
      value = value.reshape(target.shape()); // biases and batch-norm vectors: [n] or [1, n]
    }
    if (target == null || !java.util.Arrays.equals(target.shape(), value.shape())) {
      throw new IllegalArgumentException("parameter " + key + " of " + layer.getConfig().getLayerName() + " has shape "
          + (target == null ? "none" : java.util.Arrays.toString(target.shape())) + ", initial values "
          + java.util.Arrays.toString(value.shape()));
    }
    target.assign(value);
  }
}
