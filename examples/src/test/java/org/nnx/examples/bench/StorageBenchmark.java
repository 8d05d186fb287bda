package org.nnx.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nnx.block.BlockKinds;
import org.nnx.data.DataLocations;
import org.nnx.data.Dataset;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.MetricRequest;
import org.nnx.experiment.Trial;
import org.nnx.ir.Network;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;
import org.nnx.model.TrainedModel;
import org.nnx.model.TrainingRun;
import org.nnx.param.Parameters;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.SourceParser;

/**
 * Draws per second of {@code stored_accuracy} for the 784-300-100-10 MLP of {@code
 * examples/analog-storage.nnx} on the full MNIST test set (10,000 images), through the installed
 * inference engine (DL4J), one thread: each draw writes all 266,610 weights and biases through the
 * code into the channel, reads them back, loads them into the compiled network and evaluates. The
 * weights are the network's seeded initial weights (the time does not depend on their values). Also
 * prints the time of one evaluation alone, so that the cost of storing is known. Run by {@code
 * plugins/storage/bench/run.sh}.
 */
public final class StorageBenchmark {

  private StorageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int draws = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path root = Path.of(args.length > 1 ? args[1] : ".");
    var injector = PluginLoader.load(List.of());
    PluginRegistry registry = injector.getInstance(PluginRegistry.class);
    Path file = root.resolve("examples/analog-storage.nnx");
    Experiment e = injector.getInstance(BlockKinds.class)
        .resolve(SourceParser.parse(file.toString(), Files.readString(file)).file(), registry).blocks(Experiment.class)
        .stream().filter(x -> x.name().equals("mlp_pcm")).findFirst().orElseThrow();
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "nnx");
    Dataset mnist = registry.datasets().get("mnist").load(new Parameters(Map.of()),
        new DataLocations(List.of(cache), cache));
    Trial first = e.trials().get(0);
    Network network = first.family().build(first.parameters(), new BuildContext(0));
    NetworkWeights weights = InitialWeights.draw(network, 1);
    System.out.printf(Locale.ROOT, "Java %s, inference %s, %d draws per case, %d test images%n",
        System.getProperty("java.version"), registry.inference().getClass().getSimpleName(), draws,
        mnist.test().size());
    try (TrainedModel model = new TrainedModel(network, weights, registry.inference())) {
      model.evaluate(mnist.test(), mnist.inputShape(), mnist.test().size()); // warm-up
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        model.evaluate(mnist.test(), mnist.inputShape(), mnist.test().size());
      }
      System.out.printf(Locale.ROOT, "RESULT evaluation alone: %.3f s per test set%n",
          (System.nanoTime() - start) / 1e9 / 3);
    }
    for (int index : new int[] {0, 9, 28, 35}) { // naive size 1, adaptive size 4, split + sign size 6, digital size 8
      Trial trial = e.trials().get(index);
      MetricRequest request = e.metrics(trial).get(1);
      Map<String, Object> options = new java.util.LinkedHashMap<>(request.options().asMap());
      options.put("draws", (long) draws);
      for (int run = 0; run < 2; run++) { // the first run warms up the JIT and the native libraries
        try (FixedTrialContext t = FixedTrialContext.builder(network).data(mnist)
            .trainingRun(new TrainingRun(weights, Double.NaN, 0, 0, 0, 0)).inference(registry.inference()).build()) {
          long start = System.nanoTime();
          var r = request.metric().compute(t, new Parameters(options));
          double seconds = (System.nanoTime() - start) / 1e9;
          if (run == 1) {
            System.out.printf(Locale.ROOT, "RESULT %s, size %s, %s: %.2f draws/s (%.2f s), %.3g cells per weight%n",
                trial.measureText().get("code"), trial.measureText().get("size"), trial.measureText()
                    .getOrDefault("channel", "pcm(time = 1 d)"), draws / seconds, seconds,
                ((Number) r.values().get("cells_per_weight")).doubleValue());
          }
        }
      }
    }
  }
}
