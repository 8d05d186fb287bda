package org.nnx.dl4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.architectures.DenseMlpFamily;
import org.nnx.block.BlockKinds;
import org.nnx.data.Dataset;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.Trial;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.SourceParser;

/**
 * Training throughput on MNIST (see {@code plugins/dl4j/bench/README.md}): one epoch of the 60,000
 * training images with Adam (lr 1e-3) for dense_mlp(width 8, depth 8, tc 10) and a 784-256-256-10
 * ReLU MLP, and one epoch of the first {@code bench.cnn_samples} (default 10,000) images for the
 * two CNNs of {@code bench/cnn.nnx} (written in the language), at batch 64 and 128, through {@link
 * Trainer#train} (the path experiments take). Prints examples per second per run and the best of
 * {@code repeats} runs; {@code -Dbench.out=FILE} also writes the best figures as tab-separated values.
 *
 * <p>Arguments: {@code [repeats [networks [batch]]]}: runs per setting (default 3), {@code all},
 * {@code dense}, {@code mlp}, {@code cnn}, {@code resnet} or {@code resnet20} (default {@code all}), and one batch size
 * (default: 64 and 128).
 * {@code stock} as the second argument instead trains the 784-256-256-10 MLP as a plain DL4J
 * program would (DL4J's {@code DenseLayer}, {@code OutputLayer} and {@code Adam}, a stock {@code
 * ComputationGraph}, one native thread, none of this plugin's settings), on the same pre-built
 * minibatches: the baseline of {@code bench/README.md}. Run it in its own JVM; {@code
 * -Dbench.threads=N} (in {@code JAVA_OPTS}) gives it N native threads instead.
 * Throughput is reported from wall-clock time and from the training thread's CPU time, which is
 * less disturbed by other processes on a shared machine.
 */
public final class TrainingBenchmark {

  private TrainingBenchmark() {}

  /** The 784-256-256-10 ReLU MLP. */
  static Network mlp256() {
    NetworkBuilder b = new NetworkBuilder("mlp", TensorShape.vector(784));
    int x = b.add("fc1", new Op.Dense(784, 256, true), 0);
    x = b.add("relu1", new Op.Act(Activation.RELU), x);
    x = b.add("fc2", new Op.Dense(256, 256, true), x);
    x = b.add("relu2", new Op.Act(Activation.RELU), x);
    b.add("fc3", new Op.Dense(256, 10, true), x);
    return b.build();
  }

  /** Runs the benchmark. */
  public static void main(String[] args) {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String which = args.length > 1 ? args[1] : "all";
    long[] batches = args.length > 2 ? new long[] {Long.parseLong(args[2])} : new long[] {64, 128};
    if (which.equals("stock")) {
      stock(repeats, batches);
      return;
    }
    NativeRuntime.prepare();
    NativeRuntime.configure();
    int[] threads = NativeRuntime.threads();
    System.out.printf("ND4J threads %d, BLAS threads %d, OMP_NUM_THREADS=%s, %s=%s, shape cache %s, java %s%n",
        threads[0], threads[1], System.getenv("OMP_NUM_THREADS"), NativeRuntime.MAX_PHYSICAL_BYTES,
        System.getProperty(NativeRuntime.MAX_PHYSICAL_BYTES), NativeRuntime.shapeInfoCached(),
        System.getProperty("java.version"));
    Dataset mnist = TestData.mnist();
    Network dense = GraphCompilerTest.build(new DenseMlpFamily(), 1, "width", 8, "depth", 8, "tc", 10, "inputs", 784,
        "classes", 10);
    Map<String, Network> networks = new LinkedHashMap<>();
    networks.put("dense", dense);
    networks.put("mlp", mlp256());
    networks.putAll(written());
    Map<String, String> names = Map.of("dense", "dense_mlp(8, 8, tc 10)", "mlp", "784-256-256-10", "cnn",
        "mnist_cnn (2 conv)", "resnet", "mnist_resnet (3 blocks)", "resnet20", "resnet20 (9 blocks)");
    long cnnSamples = Long.getLong("bench.cnn_samples", 10_000);
    List<String> summary = new ArrayList<>();
    StringBuilder tsv = new StringBuilder("network\tbatch\texamples\twall_per_s\tcpu_per_s\ttest_accuracy\n");
    for (Map.Entry<String, Network> entry : networks.entrySet()) {
      Network net = entry.getValue();
      String name = names.get(entry.getKey());
      if (!which.equals("all") && !which.equals(entry.getKey())) {
        continue;
      }
      boolean cnn = !net.input().isVector();
      for (long batch : batches) {
        TrainingOptions options = TrainingOptions.from(cnn ? TrainerTest.settings("batch", batch, "train_samples",
            cnnSamples) : TrainerTest.settings("batch", batch));
        double best = 0;
        double bestCpu = 0;
        double accuracy = 0;
        int examples = 0;
        for (int r = 0; r < repeats; r++) {
          Trained result = Trained.of(net, mnist, options, r);
          accuracy = result.testAccuracy();
          examples = result.trainExamples();
          double rate = result.examplesPerSecond(1);
          double cpuRate = result.trainExamples() / result.trainCpuSeconds();
          best = Math.max(best, rate);
          bestCpu = Math.max(bestCpu, cpuRate);
          System.out.printf("%-24s batch %3d run %d: %8.0f examples/s wall (%.2f s), %8.0f per CPU second,"
              + " test accuracy %.4f%n", name, batch, r, rate, result.trainTimeSeconds(), cpuRate, result.testAccuracy());
        }
        summary.add(String.format("%-24s batch %3d: best %8.0f examples/s wall, %8.0f per CPU second", name, batch,
            best, bestCpu));
        tsv.append(entry.getKey()).append('\t').append(batch).append('\t').append(examples).append('\t')
            .append(Math.round(best)).append('\t').append(Math.round(bestCpu)).append('\t').append(accuracy)
            .append('\n');
      }
    }
    summary.forEach(System.out::println);
    String out = System.getProperty("bench.out");
    if (out != null) {
      try {
        Files.writeString(Path.of(out), tsv.toString());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The CNNs of {@code plugins/dl4j/bench/cnn.nnx}, written in the language, built as nnx run builds them. */
  static Map<String, Network> written() {
    Path file = Path.of(System.getProperty("nnx.repository.root", ".")).resolve("plugins/dl4j/bench/cnn.nnx");
    try {
      var injector = PluginLoader.load(List.of());
      var parsed = SourceParser.parse(file.toString(), Files.readString(file));
      Experiment e = injector.getInstance(BlockKinds.class)
          .resolve(parsed.file(), injector.getInstance(PluginRegistry.class)).blocks(Experiment.class).get(0);
      Map<String, Network> out = new LinkedHashMap<>();
      for (Trial t : e.trials()) {
        out.put(t.architecture(), t.family().build(t.parameters(), new BuildContext(0)));
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the benchmark's networks from " + file + ": " + e.getMessage(), e);
    }
  }

  /** The plain-DL4J baseline (see the class comment). */
  private static void stock(int repeats, long[] batches) {
    int threads = Integer.getInteger("bench.threads", 1);
    org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
    org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
    org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(threads);
    System.out.printf("stock DL4J with %d native threads (ND4J %d, BLAS %d)%n", threads,
        org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads(),
        org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads());
    Dataset mnist = TestData.mnist();
    java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
    for (long batch : batches) {
      Minibatches train = new Minibatches(mnist.train(), mnist.train().size(), (int) batch, 10, new long[] {784});
      for (int r = 0; r < repeats; r++) {
        org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf =
            new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(r)
                .dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .updater(new org.nd4j.linalg.learning.config.Adam(1e-3)).graphBuilder().addInputs("in")
                .addLayer("fc1", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(784).nOut(256)
                    .activation(org.nd4j.linalg.activations.Activation.RELU).build(), "in")
                .addLayer("fc2", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(256).nOut(256)
                    .activation(org.nd4j.linalg.activations.Activation.RELU).build(), "fc1")
                .addLayer("fc3", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                    org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                    .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "fc2")
                .setOutputs("fc3").build();
        org.deeplearning4j.nn.graph.ComputationGraph graph = new org.deeplearning4j.nn.graph.ComputationGraph(conf);
        graph.init();
        train.shuffle(new java.util.SplittableRandom(r));
        long cpu = bean.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < train.count(); i++) {
          graph.fit(new org.nd4j.linalg.api.ndarray.INDArray[] {train.features(i)},
              new org.nd4j.linalg.api.ndarray.INDArray[] {train.labels(i)});
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (bean.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.printf("stock DL4J 784-256-256-10 batch %3d run %d: %8.0f examples/s wall (%.2f s), %8.0f per CPU"
            + " second%n", batch, r, mnist.train().size() / wall, wall, mnist.train().size() / cpuSeconds);
      }
    }
  }
}
