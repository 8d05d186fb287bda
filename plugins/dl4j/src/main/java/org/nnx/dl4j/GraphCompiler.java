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
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * Compiles a {@link Network} to a DL4J {@link ComputationGraph} with the same parameters and the
 * same function: one graph vertex per node, named after the node, except where noted.
 *
 * <ul>
 *   <li>{@link Op.Dense}: a {@code DenseLayer} with identity activation; the last node of the
 *       network (the classifier) becomes an {@code OutputLayer} with softmax and multi-class cross
 *       entropy ({@code MCXENT}), so the network's output is its logits' softmax. A dense node whose
 *       only consumer is an {@link Op.Act} is fused with it into one {@code DenseLayer} with that
 *       activation (one vertex fewer per layer; same function).
 *   <li>{@link Op.Conv2d}: a {@code ConvolutionLayer} (no bias when {@code bias = false}, zero
 *       padding, {@code ConvolutionMode.Truncate}, i.e. PyTorch's output size); with {@code groups ==
 *       in} a {@code DepthwiseConvolution2D} with depth multiplier {@code out / in}; with {@code 1 <
 *       groups < in} (ResNeXt) one convolution per group, each reading its contiguous channel range
 *       through a {@link GatherVertex} and joined by a {@code MergeVertex}, named {@code
 *       NAME.groupG} and {@code NAME} (DL4J has no grouped convolution; parameters are the same).
 *   <li>{@link Op.BatchNorm}: {@code BatchNormalization} (eps 1e-5, running averages with decay 0.9:
 *       PyTorch's defaults). Its running mean and variance live in DL4J's parameter vector but are
 *       not trainable and not counted ({@link CompiledGraph#trainableParameters()}).
 *   <li>{@link Op.Act}: an {@code ActivationLayer} ({@link ActivationFunctions#dl4j}).
 *   <li>{@link Op.Pool}: a {@code SubsamplingLayer} (average pooling counts padding in the divisor,
 *       as PyTorch's default); {@link Op.GlobalAvgPool}: a {@code GlobalPoolingLayer}; {@link
 *       Op.Flatten}: a {@code PreprocessorVertex} with {@code CnnToFeedForwardPreProcessor}
 *       (channel-major, like the IR).
 *   <li>{@link Op.Add}: {@code ElementWiseVertex(Add)}; {@link Op.Concat}: {@code MergeVertex}
 *       (channel axis); {@link Op.Gather}: {@link GatherVertex} with the node's exact indices.
 * </ul>
 *
 * <p>If the last node is not a dense layer, a {@code LossLayer} named {@code loss} (softmax, {@code
 * MCXENT}) is added after it. Inputs are fed as {@code [batch, features]} when the network input is
 * a vector and as {@code [batch, channels, height, width]} otherwise.
 */
public final class GraphCompiler {

  private GraphCompiler() {}

  /**
   * Compiles, initializes and loads {@code weights} into the graph.
   *
   * @param network the network
   * @param weights its initial parameters ({@link WeightInitializer})
   * @param updater the optimizer applied to every trainable parameter
   * @param weightDecay L2 penalty coefficient (at least 0) added to the gradient of the weights and
   *     biases of dense and convolution layers, as PyTorch's {@code weight_decay}; DL4J does not
   *     regularize batch-norm scales and shifts
   * @param dataType {@code FLOAT} for training, {@code DOUBLE} for gradient checks
   * @return the initialized graph and the map from nodes to vertices
   * @throws IllegalArgumentException if the network cannot be expressed (e.g. a loss on a
   *     convolutional output)
   */
  public static CompiledGraph compile(Network network, InitialWeights weights, IUpdater updater, double weightDecay,
      DataType dataType) {
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

    int[] consumers = new int[nodes.size()];
    int[] onlyConsumer = new int[nodes.size()];
    for (Node n : nodes) {
      for (int i : n.inputs()) {
        consumers[i]++;
        onlyConsumer[i] = n.id();
      }
    }
    Map<Integer, String> outputOf = new HashMap<>();
    Map<Integer, List<String>> layersOf = new LinkedHashMap<>();
    boolean[] spatial = new boolean[nodes.size()];
    outputOf.put(0, inputName);
    spatial[0] = !in.isVector();
    int last = nodes.size() - 1;
    String output = null;

    for (int id = 1; id < nodes.size(); id++) {
      Node n = nodes.get(id);
      if (outputOf.containsKey(id)) {
        continue; // an activation fused into the dense layer before it
      }
      String name = n.name();
      String[] inputs = n.inputs().stream().map(outputOf::get).toArray(String[]::new);
      spatial[id] = n.inputs().isEmpty() ? false : spatial[n.inputs().get(0)];
      Op op = n.op();
      if (op instanceof Op.Dense d) {
        spatial[id] = false;
        if (id == last) {
          g.addLayer(name, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
              .nIn(d.in()).nOut(d.out()).hasBias(d.bias()).activation(Activation.SOFTMAX).build(), inputs);
          output = name;
        } else {
          IActivation act = new ActivationIdentity();
          int next = onlyConsumer[id];
          boolean fuse = consumers[id] == 1 && nodes.get(next).op() instanceof Op.Act;
          if (fuse) {
            act = ActivationFunctions.dl4j(((Op.Act) nodes.get(next).op()).function());
            outputOf.put(next, name);
            spatial[next] = false;
          }
          g.addLayer(name, new DenseLayer.Builder().nIn(d.in()).nOut(d.out()).hasBias(d.bias()).activation(act).build(),
              inputs);
        }
        layersOf.put(id, List.of(name));
      } else if (op instanceof Op.Conv2d c) {
        spatial[id] = true;
        layersOf.put(id, addConvolution(g, name, c, inputs[0]));
      } else if (op instanceof Op.BatchNorm b) {
        g.addLayer(name, new BatchNormalization.Builder().nIn(b.channels()).nOut(b.channels())
            .eps(1e-5).decay(0.9).build(), inputs);
        layersOf.put(id, List.of(name));
      } else if (op instanceof Op.Act a) {
        g.addLayer(name, new ActivationLayer.Builder().activation(ActivationFunctions.dl4j(a.function())).build(), inputs);
      } else if (op instanceof Op.Pool p) {
        g.addLayer(name, new SubsamplingLayer.Builder(p.max() ? PoolingType.MAX : PoolingType.AVG)
            .kernelSize(p.kernel(), p.kernel()).stride(p.stride(), p.stride()).padding(p.padding(), p.padding())
            .avgPoolIncludePadInDivisor(true).build(), inputs);
      } else if (op instanceof Op.GlobalAvgPool) {
        spatial[id] = false;
        g.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), inputs);
      } else if (op instanceof Op.Flatten) {
        TensorShape s = n.inputShapes().get(0);
        if (spatial[n.inputs().get(0)]) {
          g.addVertex(name, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(s.height(), s.width(), s.channels())),
              inputs);
        } else {
          outputOf.put(id, inputs[0]);
          continue;
        }
        spatial[id] = false;
      } else if (op instanceof Op.Add) {
        g.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), inputs);
      } else if (op instanceof Op.Concat) {
        g.addVertex(name, new MergeVertex(), inputs);
      } else if (op instanceof Op.Gather gather) {
        g.addVertex(name, new GatherVertex(gather.indices()), inputs);
      } else {
        throw new IllegalArgumentException("cannot compile node " + name + " (" + op + ")");
      }
      outputOf.put(id, name);
    }
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
    ComputationGraph graph = new ComputationGraph(g.build());
    graph.init();
    CompiledGraph compiled = new CompiledGraph(graph, network, inputName, output, outputOf, layersOf);
    compiled.load(weights);
    return compiled;
  }

  /** Adds the vertices of one convolution node and returns the names of its layers, in group order. */
  private static List<String> addConvolution(ComputationGraphConfiguration.GraphBuilder g, String name, Op.Conv2d c,
      String input) {
    int k = c.kernel();
    if (c.groups() == 1) {
      g.addLayer(name, convolution(c, c.in(), c.out()), input);
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
      g.addLayer(parts[gi], convolution(c, inPerGroup, outPerGroup), slice);
      layers.add(parts[gi]);
    }
    g.addVertex(name, new MergeVertex(), parts);
    return layers;
  }

  private static ConvolutionLayer convolution(Op.Conv2d c, int in, int out) {
    return new ConvolutionLayer.Builder(c.kernel(), c.kernel()).stride(c.stride(), c.stride())
        .padding(c.padding(), c.padding()).nIn(in).nOut(out).hasBias(c.bias()).activation(Activation.IDENTITY).build();
  }
}
