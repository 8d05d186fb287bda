package org.nnx.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.NetworkWeights;

/**
 * Compiles a {@link Network} to a DL4J {@link ComputationGraph} with the same parameters and the
 * same function: one graph vertex per node, named after the node, except where noted.
 *
 * <ul>
 *   <li>{@link Op.Dense}: a {@link FusedDenseLayer} (DL4J's {@code DenseLayer} with a faster
 *       runtime). An activation that is a dense node's only consumer is fused into it as its output
 *       activation; otherwise an activation whose only consumer is a dense node is fused into that
 *       node as its input activation (the {@code act(concat(...))} before every hidden layer of a
 *       DenseNet-type MLP). Fused activations have no vertex of their own. A dense layer reading the
 *       network input computes no gradient for it. The last node of the network (the classifier)
 *       becomes a {@link SoftmaxOutputLayer} (DL4J's {@code OutputLayer} with softmax and
 *       multi-class cross entropy, {@code MCXENT}), so the network's output is its logits' softmax.
 *   <li>{@link Op.Conv2d}: a {@link FusedConvolutionLayer} (DL4J's {@code ConvolutionLayer} with a
 *       faster runtime; no bias when {@code bias = false}, zero
 *       padding, {@code ConvolutionMode.Truncate}, i.e. PyTorch's output size); with {@code groups ==
 *       in} a {@code DepthwiseConvolution2D} with depth multiplier {@code out / in}; with {@code 1 <
 *       groups < in} (ResNeXt) one convolution per group, each reading its contiguous channel range
 *       through a {@link GatherVertex} and joined by a {@code MergeVertex}, named {@code
 *       NAME.groupG} and {@code NAME} (DL4J has no grouped convolution; parameters are the same).
 *   <li>{@link Op.BatchNorm}: a {@link FusedBatchNormalization} (DL4J's {@code BatchNormalization}
 *       with a faster runtime; eps 1e-5, running averages with decay 0.9 and the unbiased batch
 *       variance: PyTorch's rule). Its running mean and variance live in DL4J's parameter vector but are
 *       not trainable and not counted ({@link CompiledGraph#trainableParameters()}).
 *       A {@code relu} that is a batch norm's only consumer is fused into it ({@link
 *       FusedBatchNormalization#isRectified()}).
 *   <li>{@link Op.Act} (not fused): an {@code ActivationLayer} ({@link ActivationFunctions#dl4j}).
 *   <li>{@link Op.Pool}: a {@link FusedPoolingLayer} (DL4J's {@code SubsamplingLayer} in Java loops;
 *       average pooling counts padding in the divisor,
 *       as PyTorch's default; a {@code relu} whose only consumer is a max pooling is fused into it,
 *       {@link FusedPoolingLayer#isRectified()}); {@link Op.GlobalAvgPool}: a {@code GlobalPoolingLayer}; {@link
 *       Op.Flatten}: a {@code PreprocessorVertex} with {@code CnnToFeedForwardPreProcessor}
 *       (channel-major, like the IR).
 *   <li>{@link Op.Scale}: {@code ScaleVertex} with the node's factor.
 *   <li>{@link Op.Add}: {@code ElementWiseVertex(Add)}, or a {@link RectifiedAddVertex} when a
 *       {@code relu} is its only consumer; {@link Op.Concat}: {@code MergeVertex}
 *       (channel axis); {@link Op.Gather}: {@link GatherVertex} with the node's exact indices. A
 *       concatenation whose inputs include gathers consumed only by it becomes one {@link
 *       GatherVertex} over all their sources (the previous layer's channels in order, then the
 *       sampled ones), named after the concatenation; the gathers get no vertex of their own.
 * </ul>
 *
 * <p>If the last node is not a dense layer, a {@code LossLayer} named {@code loss} (softmax, {@code
 * MCXENT}) is added after it. Inputs are fed as {@code [batch, features]} when the network input is
 * a vector and as {@code [batch, channels, height, width]} otherwise. The graph is a {@link
 * FastComputationGraph}. The fusions change neither the function nor the gradients (checked against
 * an independent interpreter and finite differences in the tests); they remove DL4J vertices, each
 * of which costs native calls per iteration.
 */
public final class GraphCompiler {

  private GraphCompiler() {}

  /**
   * Compiles, initializes and loads {@code weights} into the graph.
   *
   * @param network the network
   * @param weights its parameters (e.g. {@link org.nnx.model.InitialWeights})
   * @param updater the optimizer applied to every trainable parameter
   * @param weightDecay L2 penalty coefficient (at least 0) added to the gradient of the weights and
   *     biases of dense and convolution layers, as PyTorch's {@code weight_decay}; DL4J does not
   *     regularize batch-norm scales and shifts
   * @param dataType {@code FLOAT} for training, {@code DOUBLE} for gradient checks
   * @return the initialized graph and the map from nodes to vertices
   * @throws IllegalArgumentException if the network cannot be expressed (e.g. a loss on a
   *     convolutional output)
   */
  public static CompiledGraph compile(Network network, NetworkWeights weights, IUpdater updater, double weightDecay,
      DataType dataType) {
    return compile(network, weights, updater, weightDecay, 0, dataType);
  }

  /**
   * Compiles as {@link #compile(Network, NetworkWeights, IUpdater, double, DataType)} does, with a
   * group-lasso penalty ({@link GroupLasso}) on the output channels of every dense and convolution
   * layer but the classifier and depthwise convolutions.
   *
   * @param groupLasso the penalty's coefficient λ, at least 0 (0: none)
   */
  public static CompiledGraph compile(Network network, NetworkWeights weights, IUpdater updater, double weightDecay,
      double groupLasso, DataType dataType) {
    NativeRuntime.configure();
    NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
        .seed(0)
        .dataType(dataType)
        .updater(updater)
        .weightInit(WeightInit.ZERO)
        .biasInit(0)
        .convolutionMode(ConvolutionMode.Truncate)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    if (weightDecay > 0) {
      base.l2(weightDecay).l2Bias(weightDecay);
    }
    ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder();
    List<Node> nodes = network.nodes();
    Node inputNode = nodes.get(0);
    String inputName = inputNode.name();
    g.addInputs(inputName);
    TensorShape in = network.input();
    g.setInputTypes(in.isVector() ? InputType.feedForward(in.channels())
        : InputType.convolutional(in.height(), in.width(), in.channels()));

    int count = nodes.size();
    int last = count - 1;
    int[] consumers = new int[count];
    int[] onlyConsumer = new int[count];
    for (Node n : nodes) {
      for (int i : n.inputs()) {
        consumers[i]++;
        onlyConsumer[i] = n.id();
      }
    }
    // fusion plan: activations into the dense layers they follow or precede, gathers into concatenations
    int[] outputAct = new int[count];
    int[] inputAct = new int[count];
    boolean[] fused = new boolean[count];
    java.util.Arrays.fill(outputAct, -1);
    java.util.Arrays.fill(inputAct, -1);
    for (Node n : nodes) {
      if (n.op() instanceof Op.Dense && n.id() != last && consumers[n.id()] == 1
          && nodes.get(onlyConsumer[n.id()]).op() instanceof Op.Act) {
        outputAct[n.id()] = onlyConsumer[n.id()];
        fused[onlyConsumer[n.id()]] = true;
      }
    }
    for (Node n : nodes) {
      if (n.op() instanceof Op.Dense && n.id() != last) {
        int u = n.inputs().get(0);
        if (nodes.get(u).op() instanceof Op.Act && !fused[u] && consumers[u] == 1) {
          inputAct[n.id()] = u;
          fused[u] = true;
        }
      } else if (n.op() instanceof Op.Gather && consumers[n.id()] == 1
          && nodes.get(onlyConsumer[n.id()]).op() instanceof Op.Concat) {
        fused[n.id()] = true;
      }
    }

    // relu after a batch norm or a sum (its only consumer) into that vertex; relu before a max pooling
    // (its only consumer) into the pooling
    int[] rectifier = new int[count];
    java.util.Arrays.fill(rectifier, -1);
    for (Node n : nodes) {
      if (!(n.op() instanceof Op.Act a) || a.function() != org.nnx.ir.Activation.RELU || fused[n.id()]) {
        continue;
      }
      int u = n.inputs().get(0);
      Op before = nodes.get(u).op();
      boolean sum = before instanceof Op.Add && nodes.get(u).inputs().size() >= 2;
      if ((before instanceof Op.BatchNorm || sum) && consumers[u] == 1) {
        rectifier[u] = n.id();
        fused[n.id()] = true;
      } else if (consumers[n.id()] == 1 && nodes.get(onlyConsumer[n.id()]).op() instanceof Op.Pool p && p.max()) {
        rectifier[onlyConsumer[n.id()]] = n.id();
        fused[n.id()] = true;
      }
    }

    Map<Integer, String> outputOf = new HashMap<>();
    Map<Integer, List<String>> layersOf = new LinkedHashMap<>();
    boolean[] spatial = new boolean[count];
    outputOf.put(0, inputName);
    spatial[0] = !in.isVector();

    Shared shared = new Shared(g, nodes, last, inputName, inputAct, outputAct, rectifier, fused, outputOf, layersOf,
        spatial, groupLasso);
    for (int id = 1; id < count; id++) {
      Node n = nodes.get(id);
      if (fused[id]) {
        continue; // an activation or gather that a dense, batch norm or pooling layer or a concatenation computes
      }
      spatial[id] = spatial[n.inputs().get(0)];
      if (n.op().accept(new NodeCompiler(shared, n))) {
        outputOf.put(id, n.name());
      }
    }
    String output = shared.output;
    if (output == null) {
      if (spatial[last]) {
        throw new IllegalArgumentException("the network's output " + nodes.get(last).name()
            + " is a feature map, not a vector of logits");
      }
      output = "loss";
      g.addLayer(output, new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build(),
          outputOf.get(last));
    }
    g.setOutputs(output);
    channelsLastBeforePooling(g, output);
    ComputationGraph graph = new FastComputationGraph(g.build());
    graph.init();
    CompiledGraph compiled = new CompiledGraph(graph, network, inputName, output, outputOf, layersOf);
    compiled.load(weights);
    return compiled;
  }

  /**
   * Lets each convolution whose consumers are all 2x2 max poolings of stride 2 (which read
   * channels-last maps without a copy) write its output channels-last ({@link
   * FusedConvolutionLayer#isChannelsLastOutput()}); only where oneDNN computes the convolutions.
   */
  private static void channelsLastBeforePooling(ComputationGraphConfiguration.GraphBuilder g, String output) {
    if (!NativeRuntime.oneDnn()) {
      return;
    }
    Map<String, List<String>> consumers = new LinkedHashMap<>();
    g.getVertexInputs().forEach((vertex, inputs) -> inputs.forEach(
        in -> consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(vertex)));
    g.getVertices().forEach((name, vertex) -> {
      if (layerOf(vertex) instanceof FusedConvolutionLayer conv && !name.equals(output)
          && consumers.containsKey(name)
          && consumers.get(name).stream().allMatch(c -> layerOf(g.getVertices().get(c)) instanceof FusedPoolingLayer p
              && p.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX
              && p.getKernelSize()[0] == 2 && p.getKernelSize()[1] == 2 && p.getStride()[0] == 2
              && p.getStride()[1] == 2 && p.getPadding()[0] == 0 && p.getPadding()[1] == 0)) {
        conv.setChannelsLastOutput(true);
      }
    });
  }

  private static org.deeplearning4j.nn.conf.layers.Layer layerOf(org.deeplearning4j.nn.conf.graph.GraphVertex v) {
    return v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex l ? l.getLayerConf().getLayer() : null;
  }

  /**
   * Adds a concatenation whose inputs include gathers consumed only by it, as one {@link
   * GatherVertex} over their sources: the channels of a direct input in order, then of a gather the
   * selected ones, mapped to the sources' channels. Sources are connected in order of first use,
   * and only when at least one of their channels is used.
   */
  private static void addConcatenation(ComputationGraphConfiguration.GraphBuilder g, String name, Node concat,
      List<Node> nodes, boolean[] fused, Map<Integer, String> outputOf) {
    List<String> sources = new ArrayList<>();
    Map<String, Integer> offsets = new HashMap<>();
    List<Integer> indices = new ArrayList<>();
    int[] total = {0};
    for (int input : concat.inputs()) {
      Node in = nodes.get(input);
      if (fused[input] && in.op() instanceof Op.Gather gather) {
        int[] starts = new int[in.inputs().size() + 1];
        for (int k = 0; k < in.inputs().size(); k++) {
          starts[k + 1] = starts[k] + nodes.get(in.inputs().get(k)).output().channels();
        }
        for (int i : gather.indices()) {
          int k = 0;
          while (i >= starts[k + 1]) {
            k++;
          }
          // a source none of whose channels is selected is not connected at all
          indices.add(offset(in.inputs().get(k), nodes, outputOf, sources, offsets, total) + i - starts[k]);
        }
      } else {
        int at = offset(input, nodes, outputOf, sources, offsets, total);
        for (int c = 0; c < in.output().channels(); c++) {
          indices.add(at + c);
        }
      }
    }
    g.addVertex(name, new GatherVertex(indices.stream().mapToInt(Integer::intValue).toArray()),
        sources.toArray(String[]::new));
  }

  /**
   * The channel offset of node {@code id}'s vertex among {@code sources}, adding it when new;
   * {@code total[0]} counts the channels added so far.
   */
  private static int offset(int id, List<Node> nodes, Map<Integer, String> outputOf, List<String> sources,
      Map<String, Integer> offsets, int[] total) {
    String vertex = outputOf.get(id);
    Integer at = offsets.get(vertex);
    if (at == null) {
      at = total[0];
      total[0] += nodes.get(id).output().channels();
      offsets.put(vertex, at);
      sources.add(vertex);
    }
    return at;
  }

  /** Adds the vertices of one convolution node and returns the names of its layers, in group order. */
  private static List<String> addConvolution(ComputationGraphConfiguration.GraphBuilder g, String name, Op.Conv2d c,
      String input, boolean inputGradient, double groupLasso) {
    int k = c.kernel();
    if (c.groups() == 1) {
      g.addLayer(name, convolution(c, c.in(), c.out(), inputGradient, groupLasso), input);
      return List.of(name);
    }
    if (c.groups() == c.in()) {
      g.addLayer(name, new DepthwiseConvolution2D.Builder(k, k).stride(c.stride(), c.stride())
          .padding(c.padding(), c.padding()).nIn(c.in()).depthMultiplier(c.out() / c.in()).nOut(c.out())
          .hasBias(c.bias()).activation(Activation.IDENTITY).build(), input);
      return List.of(name);
    }
    int inPerGroup = c.in() / c.groups();
    int outPerGroup = c.out() / c.groups();
    List<String> layers = new ArrayList<>();
    String[] parts = new String[c.groups()];
    for (int gi = 0; gi < c.groups(); gi++) {
      int[] channels = new int[inPerGroup];
      for (int j = 0; j < inPerGroup; j++) {
        channels[j] = gi * inPerGroup + j;
      }
      String slice = name + ".group" + gi + ".in";
      parts[gi] = name + ".group" + gi;
      g.addVertex(slice, new GatherVertex(channels), input);
      g.addLayer(parts[gi], convolution(c, inPerGroup, outPerGroup, true, groupLasso), slice);
      layers.add(parts[gi]);
    }
    g.addVertex(name, new MergeVertex(), parts);
    return layers;
  }

  private static FusedConvolutionLayer convolution(Op.Conv2d c, int in, int out, boolean inputGradient,
      double groupLasso) {
    FusedConvolutionLayer layer = FusedConvolutionLayer.of(in, out, c.kernel(), c.stride(), c.padding(), c.bias(),
        inputGradient);
    penalize(layer, groupLasso, out);
    return layer;
  }

  /**
   * Gives a layer's weights a group-lasso penalty; the list stays mutable because DL4J adds the
   * global L2 term (weight decay) to it.
   */
  private static void penalize(org.deeplearning4j.nn.conf.layers.BaseLayer layer, double groupLasso, int channels) {
    if (groupLasso > 0) {
      layer.setRegularization(new java.util.ArrayList<>(List.of(new GroupLasso(groupLasso, channels))));
    }
  }

  /** What the compilation of every node shares: the graph being built and the fusion plan. */
  private static final class Shared {
    final ComputationGraphConfiguration.GraphBuilder g;
    final List<Node> nodes;
    final int last;
    final String inputName;
    final int[] inputAct;
    final int[] outputAct;
    /** For a batch norm or a sum, the relu after it; for a max pooling, the relu before it; else -1. */
    final int[] rectifier;
    final boolean[] fused;
    final Map<Integer, String> outputOf;
    final Map<Integer, List<String>> layersOf;
    final boolean[] spatial;
    final double groupLasso;
    String output;

    Shared(ComputationGraphConfiguration.GraphBuilder g, List<Node> nodes, int last, String inputName, int[] inputAct,
        int[] outputAct, int[] rectifier, boolean[] fused, Map<Integer, String> outputOf,
        Map<Integer, List<String>> layersOf, boolean[] spatial, double groupLasso) {
      this.g = g;
      this.nodes = nodes;
      this.last = last;
      this.inputName = inputName;
      this.inputAct = inputAct;
      this.outputAct = outputAct;
      this.rectifier = rectifier;
      this.fused = fused;
      this.outputOf = outputOf;
      this.layersOf = layersOf;
      this.spatial = spatial;
      this.groupLasso = groupLasso;
    }
  }

  /**
   * Adds one node's layers or vertices to the graph. Every op of the IR is handled here, so a new op
   * does not compile until DL4J can run it.
   *
   * @return whether the node's output is the vertex named like the node (a flatten of a vector is not)
   */
  private static final class NodeCompiler implements Op.Visitor<Boolean> {

    private final Shared s;
    private final Node n;
    private final int id;
    private final String name;
    private final String[] inputs;

    NodeCompiler(Shared s, Node n) {
      this.s = s;
      this.n = n;
      this.id = n.id();
      this.name = n.name();
      this.inputs = n.inputs().stream().map(s.outputOf::get).toArray(String[]::new);
    }

    @Override
    public Boolean input(Op.Input op) {
      throw new IllegalArgumentException("node " + name + " is a second input; a network has one");
    }

    @Override
    public Boolean dense(Op.Dense d) {
      s.spatial[id] = false;
      if (id == s.last) {
        s.g.addLayer(name, SoftmaxOutputLayer.of(d.in(), d.out(), d.bias()), inputs);
        s.output = name;
      } else {
        String source = inputs[0];
        org.nnx.ir.Activation inAct = null;
        if (s.inputAct[id] >= 0) {
          Node a = s.nodes.get(s.inputAct[id]);
          source = s.outputOf.get(a.inputs().get(0));
          inAct = ((Op.Act) a.op()).function();
        }
        org.nnx.ir.Activation outAct = null;
        if (s.outputAct[id] >= 0) {
          outAct = ((Op.Act) s.nodes.get(s.outputAct[id]).op()).function();
          s.outputOf.put(s.outputAct[id], name);
        }
        FusedDenseLayer layer = FusedDenseLayer.of(d.in(), d.out(), d.bias(), inAct, outAct,
            !source.equals(s.inputName));
        penalize(layer, s.groupLasso, d.out());
        s.g.addLayer(name, layer, source);
      }
      s.layersOf.put(id, List.of(name));
      return true;
    }

    @Override
    public Boolean conv2d(Op.Conv2d c) {
      s.spatial[id] = true;
      s.layersOf.put(id, addConvolution(s.g, name, c, inputs[0], !inputs[0].equals(s.inputName), s.groupLasso));
      return true;
    }

    @Override
    public Boolean batchNorm(Op.BatchNorm b) {
      if (s.rectifier[id] >= 0) {
        s.g.addLayer(name, FusedBatchNormalization.rectified(b.channels(), 1e-5, 0.9), inputs);
        s.outputOf.put(s.rectifier[id], name);
      } else {
        s.g.addLayer(name, FusedBatchNormalization.of(b.channels(), 1e-5, 0.9), inputs);
      }
      s.layersOf.put(id, List.of(name));
      return true;
    }

    @Override
    public Boolean act(Op.Act a) {
      s.g.addLayer(name, new ActivationLayer.Builder().activation(ActivationFunctions.dl4j(a.function())).build(), inputs);
      return true;
    }

    @Override
    public Boolean pool(Op.Pool p) {
      int relu = s.rectifier[id];
      s.g.addLayer(name, FusedPoolingLayer.of(p.max(), p.kernel(), p.stride(), p.padding(), relu >= 0),
          relu >= 0 ? s.outputOf.get(s.nodes.get(relu).inputs().get(0)) : inputs[0]);
      return true;
    }

    @Override
    public Boolean globalAvgPool(Op.GlobalAvgPool op) {
      s.spatial[id] = false;
      s.g.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), inputs);
      return true;
    }

    @Override
    public Boolean flatten(Op.Flatten op) {
      TensorShape shape = n.inputShapes().get(0);
      if (!s.spatial[n.inputs().get(0)]) {
        s.outputOf.put(id, inputs[0]);
        return false;
      }
      s.g.addVertex(name, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(shape.height(), shape.width(),
          shape.channels())), inputs);
      s.spatial[id] = false;
      return true;
    }

    @Override
    public Boolean scale(Op.Scale sc) {
      s.g.addVertex(name, new ScaleVertex(sc.factor()), inputs);
      return true;
    }

    @Override
    public Boolean add(Op.Add op) {
      if (s.rectifier[id] >= 0) {
        s.g.addVertex(name, new RectifiedAddVertex(), inputs);
        s.outputOf.put(s.rectifier[id], name);
        return true;
      }
      s.g.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), inputs);
      return true;
    }

    @Override
    public Boolean concat(Op.Concat op) {
      if (n.inputs().stream().anyMatch(i -> s.fused[i])) {
        addConcatenation(s.g, name, n, s.nodes, s.fused, s.outputOf);
      } else {
        s.g.addVertex(name, new MergeVertex(), inputs);
      }
      return true;
    }

    @Override
    public Boolean gather(Op.Gather gather) {
      s.g.addVertex(name, new GatherVertex(gather.indices()), inputs);
      return true;
    }
  }
}
