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

    private final CompiledGraph compiled;
    private final long[] example;

    Graph(CompiledGraph compiled) {
      this.compiled = compiled;
      this.example = TrainingLoop.exampleShape(compiled);
    }

    private INDArray input;

    @Override
    public float[] probabilities(float[] features, int examples) {
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
      input.data().asNioFloat().put(0, features, 0, values);
      INDArray p = compiled.graph().outputSingle(false, input);
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
