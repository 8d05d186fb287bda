package org.nnx.dl4j;

import org.nnx.data.BatchTransform;
import org.nnx.ir.TensorShape;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Seeds;
import org.nnx.model.TrainingRun;
import org.nnx.plugin.Trainer;

/**
 * Trains a network on a data set with DL4J.
 *
 * <p>Everything random comes from one seed: the initial weights from {@code Seeds.derive(seed,
 * Seeds.WEIGHTS)} ({@link InitialWeights}, with the settings' {@code init}) unless training starts
 * from given weights, and the order of training examples, reshuffled every epoch, from {@code
 * Seeds.derive(seed, Seeds.SHUFFLE)}. ND4J computes with one native thread ({@link NativeRuntime}),
 * so the same seed gives the same result on the same machine whatever else runs in parallel.
 *
 * <p>The loop calls {@code ComputationGraph.fit} on pre-built minibatches ({@link Minibatches})
 * and keeps no listeners; the loss of every minibatch is read from the graph's score.
 */
public final class TrainingLoop {

  private static final Logger LOG = LogManager.getLogger(TrainingLoop.class);

  private TrainingLoop() {}

  /**
   * Trains {@code network} on {@code data.train()}.
   *
   * @param network the network; its input size must equal the data's example size and its output
   *     size the number of classes
   * @param data the data set
   * @param options the training settings
   * @param seed the trial's seed
   * @param start weights to start from instead of the initialization
   * @return the trained weights with what the run measured, and the trained graph ready for inference
   * @throws IllegalArgumentException if the network does not fit the data
   */
  public static Trainer.Result train(Network network, Dataset data, TrainingOptions options, long seed,
      Optional<NetworkWeights> start) {
    return train(network, data, options, seed, start, Optional.empty());
  }

  /**
   * Trains {@code network} on {@code data.train()}, transforming every minibatch before its step.
   *
   * @param transform the transform of every minibatch, with its stream seeded from {@code
   *     Seeds.derive(seed, Seeds.BATCHES)}
   * @see #train(Network, Dataset, TrainingOptions, long, Optional)
   */
  public static Trainer.Result train(Network network, Dataset data, TrainingOptions options, long seed,
      Optional<NetworkWeights> start, Optional<BatchTransform> transform) {
    try (SubnormalFlush.Scope flush = SubnormalFlush.open()) {
      return trainFlushing(network, data, options, seed, start, transform);
    }
  }

  private static Trainer.Result trainFlushing(Network network, Dataset data, TrainingOptions options, long seed,
      Optional<NetworkWeights> start, Optional<BatchTransform> transform) {
    NativeRuntime.configure();
    check(network, data);
    int trainExamples = limit(data.train().size(), options.trainSamples());
    if (trainExamples == 0 || data.test().size() == 0) {
      throw new IllegalArgumentException("the data set " + data.name() + " has no training or no test examples");
    }
    int batches = (trainExamples + options.batch() - 1) / options.batch();
    NetworkWeights initial = start.orElseGet(() ->
        InitialWeights.draw(network, options.init(), Seeds.derive(seed, Seeds.WEIGHTS)));
    CompiledGraph compiled = GraphCompiler.compile(network, initial, options.updater(batches), options.weightDecay(),
        options.groupLasso(), DataType.FLOAT);
    ComputationGraph graph = compiled.graph();
    boolean kept = false;
    try (Minibatches train = new Minibatches(data.train(), trainExamples, options.batch(), data.classes(),
        exampleShape(compiled))) {
      SplittableRandom shuffle = new SplittableRandom(Seeds.derive(seed, Seeds.SHUFFLE));
      SplittableRandom transformStream = new SplittableRandom(Seeds.derive(seed, Seeds.BATCHES));
      TensorShape example = data.inputShape();
      // the reported loss is the data's: the penalties are left out of it
      boolean decay = options.weightDecay() > 0 || options.groupLasso() > 0;
      double lastEpochLoss = Double.NaN;
      long iterations = 0;
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long began = System.nanoTime();
      for (int epoch = 0; epoch < options.epochs(); epoch++) {
        train.shuffle(shuffle);
        double sum = 0;
        for (int i = 0; i < train.count(); i++) {
          INDArray x = train.features(i);
          if (transform.isPresent()) {
            transform.get().apply(x.data().asNioFloat(), (int) x.size(0), example, transformStream);
          }
          double regularization = decay ? graph.calcRegularizationScore(true) : 0;
          graph.fit(new INDArray[] {x}, new INDArray[] {train.labels(i)});
          sum += (graph.score() - regularization) * x.size(0);
          iterations++;
        }
        graph.incrementEpochCount();
        lastEpochLoss = sum / trainExamples;
        LOG.debug("epoch {}: train loss {}", epoch, lastEpochLoss);
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      TrainingRun run = new TrainingRun(compiled.weights(), lastEpochLoss, seconds, cpuSeconds, iterations,
          trainExamples);
      kept = true;
      return new Trainer.Result(run, new Dl4jInference.Graph(compiled));
    } finally {
      if (!kept) {
        compiled.release();
      }
    }
  }

  private static int limit(int size, int limit) {
    return limit > 0 ? Math.min(size, limit) : size;
  }

  /** The shape of one example as the graph takes it: its input shape without the batch dimension. */
  public static long[] exampleShape(CompiledGraph compiled) {
    long[] shape = compiled.inputShape(1);
    return java.util.Arrays.copyOfRange(shape, 1, shape.length);
  }

  private static void check(Network network, Dataset data) {
    if (network.input().size() != data.inputShape().size()) {
      throw new IllegalArgumentException("the network takes inputs of " + network.input() + " = "
          + network.input().size() + " values but " + data.name() + " has examples of " + data.inputShape());
    }
    if (network.output().size() != data.classes()) {
      throw new IllegalArgumentException("the network has " + network.output().size() + " outputs but "
          + data.name() + " has " + data.classes() + " classes");
    }
  }
}
