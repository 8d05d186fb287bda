package org.nnx.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nnx.ir.Network;
import org.nnx.model.Inference;
import org.nnx.model.InferenceEngine;
import org.nnx.model.NetworkWeights;

/**
 * Trained models classify with DL4J: the network is compiled once ({@link GraphCompiler}) with
 * the model's weights, and each batch is one forward pass of the graph in inference mode (batch
 * norms use their running statistics), single precision, one native thread.
 */
public final class Dl4jInference implements InferenceEngine {

  /** Its name. */
  public static final String NAME = "dl4j";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Inference compile(Network network, NetworkWeights weights) {
    NativeRuntime.configure();
    return new Graph(GraphCompiler.compile(network, weights, new NoOp(), 0, DataType.FLOAT));
  }

  /** A compiled graph classifying batches; {@link #close()} frees its native memory. */
  static final class Graph implements Inference {

    /**
     * The most patch-matrix values one pass may need per convolution: each convolution layer keeps
     * its scratch arrays (16 MiB here) for the next pass, so a large evaluation batch is split.
     */
    static final long MAX_PATCH_VALUES = 4L << 20;

    private final CompiledGraph compiled;
    private final long[] example;
    private final int chunk;

    Graph(CompiledGraph compiled) {
      this.compiled = compiled;
      this.example = TrainingLoop.exampleShape(compiled);
      this.chunk = chunk(compiled.network());
    }

    /** Examples per pass: as many as keep every convolution's patch matrix within {@link #MAX_PATCH_VALUES}. */
    static int chunk(org.nnx.ir.Network network) {
      long perExample = 1;
      for (org.nnx.ir.Node node : network.nodes()) {
        if (node.op() instanceof org.nnx.ir.Op.Conv2d c) {
          perExample = Math.max(perExample, (long) c.in() / c.groups() * c.kernel() * c.kernel()
              * node.output().height() * node.output().width());
        }
      }
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, MAX_PATCH_VALUES / perExample));
    }

    private INDArray input;

    @Override
    public float[] probabilities(float[] features, int examples) {
      if (examples <= chunk) {
        return pass(features, 0, examples);
      }
      int classes = Math.toIntExact(compiled.network().output().size());
      int size = Math.toIntExact(java.util.Arrays.stream(example).reduce(1, (a, b) -> a * b));
      float[] out = new float[examples * classes];
      for (int from = 0; from < examples; from += chunk) {
        int n = Math.min(chunk, examples - from);
        System.arraycopy(pass(features, from * size, n), 0, out, from * classes, n * classes);
      }
      return out;
    }

    private float[] pass(float[] features, int offset, int examples) {
      long[] shape = new long[example.length + 1];
      shape[0] = examples;
      System.arraycopy(example, 0, shape, 1, example.length);
      long size = 1;
      for (long d : example) {
        size *= d;
      }
      int values = Math.toIntExact(examples * size);
      if (input == null || input.size(0) != examples) {
        if (input != null) {
          input.close();
        }
        // kept between calls of the same batch size (a certification sends many), outside any workspace
        input = Nd4j.createUninitializedDetached(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
      }
      input.data().asNioFloat().put(0, features, offset, values);
      INDArray p;
      try (SubnormalFlush.Scope flush = SubnormalFlush.open()) {
        p = compiled.graph().outputSingle(false, input);
      }
      float[] out = p.dup('c').data().asFloat();
      if (p.closeable()) {
        p.close();
      }
      return out;
    }

    /** Writes the weights into the compiled graph's parameter arrays. */
    @Override
    public boolean load(NetworkWeights weights) {
      compiled.load(weights);
      return true;
    }

    @Override
    public void close() {
      if (input != null) {
        input.close();
        input = null;
      }
      compiled.release();
    }
  }
}
