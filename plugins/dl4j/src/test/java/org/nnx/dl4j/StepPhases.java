package org.nnx.dl4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nnx.architectures.DenseMlpFamily;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;

/**
 * Where one training step's time goes (see {@code plugins/dl4j/bench/README.md}), for every network
 * of {@link TrainingBenchmark}: {@code fit} on each of {@code steps} MNIST minibatches with a
 * listener that DL4J calls after the forward pass and after the backward pass (with the loss), so
 * forward is from the call to the first mark, backward between the marks, and update from the second
 * mark to the return (the updater's division by the batch size, Adam, the parameter step). Each
 * minibatch is also fitted once without the listener: "step" is the median of those, plus data.
 * Data is the refill of every minibatch from the data set's arrays for one epoch ({@link
 * Minibatches#shuffle}), divided by the minibatches. Medians over the steps, after 5 warm-up steps.
 *
 * <p>Arguments: {@code [steps [networks [batch]]]}: minibatches timed (default 40), {@code all} or one
 * of {@code dense, mlp, cnn, resnet, resnet20} (default {@code all}), the batch size (default 64).
 */
public final class StepPhases {

  private StepPhases() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    String which = args.length > 1 ? args[1] : "all";
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    NativeRuntime.prepare();
    NativeRuntime.configure();
    Dataset mnist = TestData.mnist();
    Map<String, Network> networks = new LinkedHashMap<>();
    networks.put("dense", GraphCompilerTest.build(new DenseMlpFamily(), 1, "width", 8, "depth", 8, "tc", 10,
        "inputs", 784, "classes", 10));
    networks.put("mlp", TrainingBenchmark.mlp256());
    networks.putAll(TrainingBenchmark.written());
    System.out.printf("batch %d, median of %d steps, milliseconds per step%n", batch, steps);
    System.out.printf("%-10s %9s %9s %9s %9s %9s %9s%n", "network", "data", "forward", "backward", "update", "step",
        "ex/s");
    for (Map.Entry<String, Network> e : networks.entrySet()) {
      if (!which.equals("all") && !which.equals(e.getKey())) {
        continue;
      }
      double[] ms = measure(e.getValue(), mnist, batch, steps);
      System.out.printf("%-10s %9.3f %9.3f %9.3f %9.3f %9.3f %9.0f%n", e.getKey(), ms[0], ms[1], ms[2], ms[3],
          ms[4], batch / (ms[4] / 1000));
    }
  }

  /** Milliseconds per step: data, forward, backward, update, and the sum. */
  static double[] measure(Network network, Dataset data, int batch, int steps) {
    TrainingOptions options = TrainingOptions.from(TrainerTest.settings("batch", (long) batch));
    NetworkWeights init = InitialWeights.draw(network, options.init(), 1);
    CompiledGraph compiled = GraphCompiler.compile(network, init, options.updater(steps), 0, 0, DataType.FLOAT);
    ComputationGraph graph = compiled.graph();
    int warm = 5;
    try (Minibatches train = new Minibatches(data.train(), (steps + warm) * batch, batch, data.classes(),
        TrainingLoop.exampleShape(compiled))) {
      SplittableRandom random = new SplittableRandom(1);
      double[] fill = new double[3];
      for (int i = 0; i < fill.length; i++) {
        long t = System.nanoTime();
        train.shuffle(random);
        fill[i] = (System.nanoTime() - t) / 1e6 / train.count();
      }
      Phases phases = new Phases();
      double[] plain = new double[steps];
      double[] forward = new double[steps];
      double[] backward = new double[steps];
      double[] update = new double[steps];
      for (int i = 0; i < steps + warm; i++) {
        INDArray x = train.features(i);
        INDArray y = train.labels(i);
        // every other step without the listener, for the step time it does not touch
        graph.setListeners();
        long t0 = System.nanoTime();
        graph.fit(new INDArray[] {x}, new INDArray[] {y});
        long t1 = System.nanoTime();
        graph.setListeners(phases);
        long t2 = System.nanoTime();
        graph.fit(new INDArray[] {x}, new INDArray[] {y});
        long t3 = System.nanoTime();
        if (i >= warm) {
          plain[i - warm] = (t1 - t0) / 1e6;
          forward[i - warm] = (phases.forwardDone - t2) / 1e6;
          backward[i - warm] = (phases.backwardDone - phases.forwardDone) / 1e6;
          update[i - warm] = (t3 - phases.backwardDone) / 1e6;
        }
      }
      double d = median(fill);
      return new double[] {d, median(forward), median(backward), median(update), d + median(plain)};
    } finally {
      compiled.release();
    }
  }

  /** Marks the end of the forward and of the backward pass of {@code fit} (DL4J calls these in between). */
  private static final class Phases extends org.deeplearning4j.optimize.api.BaseTrainingListener {

    long forwardDone;
    long backwardDone;

    @Override
    public void onForwardPass(org.deeplearning4j.nn.api.Model model, Map<String, INDArray> activations) {
      forwardDone = System.nanoTime();
    }

    @Override
    public void onBackwardPass(org.deeplearning4j.nn.api.Model model) {
      backwardDone = System.nanoTime();
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
