package org.nnx.subnets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nnx.dl4j.CompiledGraph;
import org.nnx.dl4j.GraphCompiler;
import org.nnx.ir.Network;
import org.nnx.model.NetworkWeights;

/**
 * How long one forward pass of a network takes on this machine: the network compiled to a DL4J
 * graph (one native thread, as every trial), fed a batch of uniform random inputs, run three times to
 * warm up and then {@code repeats} times, each timed with {@link System#nanoTime}. The median of the
 * timed passes is reported, in seconds; what else runs on the machine at the time adds to it.
 */
final class SubnetLatency {

  private SubnetLatency() {}

  /**
   * The median time of one forward pass of each network, in seconds. The passes are timed round
   * robin (every network once, then again), so that a load on the machine that comes and goes
   * falls on all of them alike.
   *
   * @param networks the networks
   * @param weights their weights, one per network
   * @param batch examples per pass, at least 1
   * @param repeats timed passes per network, at least 1
   * @return one median per network, in their order
   */
  static double[] medians(List<Network> networks, List<NetworkWeights> weights, int batch, int repeats) {
    List<CompiledGraph> graphs = new ArrayList<>();
    try {
      List<INDArray> inputs = new ArrayList<>();
      for (int i = 0; i < networks.size(); i++) {
        CompiledGraph compiled = GraphCompiler.compile(networks.get(i), weights.get(i), new NoOp(), 0, 0,
            DataType.FLOAT);
        graphs.add(compiled);
        long[] shape = compiled.inputShape(batch);
        float[] values = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
        SplittableRandom random = new SplittableRandom(batch);
        for (int j = 0; j < values.length; j++) {
          values[j] = (float) random.nextDouble();
        }
        INDArray x = Nd4j.create(values, shape, 'c');
        inputs.add(x);
        for (int w = 0; w < 3; w++) {
          compiled.graph().output(false, x);
        }
      }
      double[][] seconds = new double[networks.size()][repeats];
      for (int r = 0; r < repeats; r++) {
        for (int i = 0; i < graphs.size(); i++) {
          long t0 = System.nanoTime();
          graphs.get(i).graph().output(false, inputs.get(i));
          seconds[i][r] = (System.nanoTime() - t0) / 1e9;
        }
      }
      double[] out = new double[networks.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = median(seconds[i]);
      }
      return out;
    } finally {
      graphs.forEach(CompiledGraph::release);
    }
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
