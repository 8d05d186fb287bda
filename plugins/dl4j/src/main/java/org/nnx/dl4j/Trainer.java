package org.nnx.dl4j;

import java.util.SplittableRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.plugin.Seeds;

/**
 * Trains a network on a data set with DL4J and evaluates it on the test split.
 *
 * <p>Everything random comes from one seed: the initial weights from {@code Seeds.derive(seed,
 * Seeds.WEIGHTS)} ({@link WeightInitializer}) and the order of training examples, reshuffled every
 * epoch, from {@code Seeds.derive(seed, Seeds.SHUFFLE)}. ND4J computes with one native thread
 * ({@link NativeRuntime}), so the same seed gives the same result on the same machine whatever
 * else runs in parallel.
 *
 * <p>The loop calls {@code ComputationGraph.fit} on pre-built minibatches ({@link Minibatches})
 * and keeps no listeners; the loss of every minibatch is read from the graph's score.
 */
public final class Trainer {

  private static final Logger LOG = LogManager.getLogger(Trainer.class);

  /** Test examples evaluated per forward pass. */
  static final int EVALUATION_BATCH = 1000;

  private Trainer() {}

  /**
   * Trains {@code network} on {@code data.train()} and evaluates it on {@code data.test()}.
   *
   * @param network the network; its input size must equal the data's example size and its output
   *     size the number of classes
   * @param data the data set
   * @param options the training settings
   * @param seed the trial's seed
   * @throws IllegalArgumentException if the network does not fit the data
   */
  public static TrainingResult train(Network network, Dataset data, TrainingOptions options, long seed) {
    NativeRuntime.configure();
    check(network, data);
    int trainExamples = limit(data.train().size(), options.trainSamples());
    int testExamples = limit(data.test().size(), options.testSamples());
    if (trainExamples == 0 || testExamples == 0) {
      throw new IllegalArgumentException("the data set " + data.name() + " has no training or no test examples");
    }
    int batches = (trainExamples + options.batch() - 1) / options.batch();
    InitialWeights weights = WeightInitializer.initialize(network, options.init(), Seeds.derive(seed, Seeds.WEIGHTS));
    CompiledGraph compiled = GraphCompiler.compile(network, weights, options.updater(batches), options.weightDecay(),
        DataType.FLOAT);
    ComputationGraph graph = compiled.graph();
    Minibatches train = new Minibatches(data.train(), trainExamples, options.batch(), data.classes(),
        exampleShape(compiled));
    try {
      SplittableRandom shuffle = new SplittableRandom(Seeds.derive(seed, Seeds.SHUFFLE));
      boolean decay = options.weightDecay() > 0;
      double lastEpochLoss = Double.NaN;
      long iterations = 0;
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int epoch = 0; epoch < options.epochs(); epoch++) {
        train.shuffle(shuffle);
        double sum = 0;
        for (int i = 0; i < train.count(); i++) {
          INDArray x = train.features(i);
          double regularization = decay ? graph.calcRegularizationScore(true) : 0;
          graph.fit(new INDArray[] {x}, new INDArray[] {train.labels(i)});
          sum += (graph.score() - regularization) * x.size(0);
          iterations++;
        }
        graph.incrementEpochCount();
        lastEpochLoss = sum / trainExamples;
        LOG.debug("epoch {}: train loss {}", epoch, lastEpochLoss);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      double[] test = evaluate(compiled, data.test(), testExamples, data.classes());
      return new TrainingResult(test[0], test[1], lastEpochLoss, seconds, cpuSeconds, iterations, trainExamples,
          testExamples);
    } finally {
      train.close();
      compiled.release();
    }
  }

  /**
   * Accuracy and mean cross entropy of {@code compiled} on the first {@code examples} examples of
   * {@code split}, computed from the softmax output in double precision.
   *
   * @return {@code {accuracy in [0, 1], loss in nats}}
   */
  static double[] evaluate(CompiledGraph compiled, Dataset.Split split, int examples, int classes) {
    try (Minibatches test = new Minibatches(split, examples, EVALUATION_BATCH, classes, exampleShape(compiled))) {
      test.inOrder();
      return evaluate(compiled, test, split, examples);
    }
  }

  private static double[] evaluate(CompiledGraph compiled, Minibatches test, Dataset.Split split, int examples) {
    long correct = 0;
    double loss = 0;
    int j = 0;
    for (int i = 0; i < test.count(); i++) {
      INDArray p = compiled.graph().outputSingle(false, test.features(i));
      float[][] probs = p.toFloatMatrix();
      if (p.closeable()) {
        p.close();
      }
      for (float[] row : probs) {
        int label = split.labels()[test.example(j++)];
        int best = 0;
        for (int c = 1; c < row.length; c++) {
          if (row[c] > row[best]) {
            best = c;
          }
        }
        correct += best == label ? 1 : 0;
        loss -= Math.log(Math.max(row[label], Float.MIN_VALUE));
      }
    }
    return new double[] {(double) correct / examples, loss / examples};
  }

  private static int limit(int size, int limit) {
    return limit > 0 ? Math.min(size, limit) : size;
  }

  private static long[] exampleShape(CompiledGraph compiled) {
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
