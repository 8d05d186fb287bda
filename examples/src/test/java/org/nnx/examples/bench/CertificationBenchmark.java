package org.nnx.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nnx.block.BlockKinds;
import org.nnx.data.DataLocations;
import org.nnx.data.Dataset;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.Trial;
import org.nnx.ir.Network;
import org.nnx.model.NetworkWeights;
import org.nnx.model.TrainingRun;
import org.nnx.param.ParamType;
import org.nnx.param.Parameters;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.SourceParser;

/**
 * Certification throughput of {@code patch_certificate} on ART's MNIST model ({@code
 * examples/patch-certification.nnx}): the first N MNIST test images (default 1,000) with column
 * (b = 2, 28 ablations per image) and block (s = 5, 784 per image) ablation, θ = 0.3, through the
 * installed inference engine (DL4J), one thread. Prints images per second and the certified counts
 * (which {@code torch_certify.py} prints too, as a cross-check). Run by {@code
 * plugins/smoothing/bench/run.sh}.
 */
public final class CertificationBenchmark {

  private CertificationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path root = Path.of(args.length > 1 ? args[1] : ".");
    var injector = PluginLoader.load(List.of());
    PluginRegistry registry = injector.getInstance(PluginRegistry.class);
    Path file = root.resolve("examples/patch-certification.nnx");
    Experiment e = injector.getInstance(BlockKinds.class)
        .resolve(SourceParser.parse(file.toString(), Files.readString(file)).file(), registry).blocks(Experiment.class)
        .stream().filter(x -> x.name().equals("art_certificate")).findFirst().orElseThrow();
    Trial trial = e.trials().get(0);
    Network network = trial.family().build(trial.parameters(), new BuildContext(0));
    NetworkWeights weights = trial.weights().orElseThrow().load();
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "nnx");
    Dataset mnist = registry.datasets().get("mnist").load(new Parameters(Map.of()),
        new DataLocations(List.of(cache), cache));
    Metric metric = registry.metrics().get("patch_certificate");
    System.out.printf(Locale.ROOT, "Java %s, inference %s, %d images%n", System.getProperty("java.version"),
        registry.inference().getClass().getSimpleName(), images);
    for (String[] a : new String[][] {{"column", "2", "5"}, {"block", "5", "1"}}) {
      Map<String, Object> ablation = new LinkedHashMap<>();
      ablation.put(ParamType.Variant.KIND, a[0]);
      ablation.put("size", Long.parseLong(a[1]));
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("ablation", new Parameters(a[0], ablation));
      options.put("patch", List.of(Long.parseLong(a[2])));
      options.put("threshold", 0.3);
      options.put("samples", (long) images);
      for (int run = 0; run < 2; run++) { // the first run warms up the JIT and the native libraries
        try (FixedTrialContext t = FixedTrialContext.builder(network).data(mnist)
            .trainingRun(new TrainingRun(weights, Double.NaN, 0, 0, 0, 0)).inference(registry.inference()).build()) {
          long start = System.nanoTime();
          MetricResult r = metric.compute(t, new Parameters(options));
          double seconds = (System.nanoTime() - start) / 1e9;
          if (run == 1) {
            double fraction = ((Number) r.values().get("certified_fraction")).doubleValue();
            double correct = ((Number) r.values().get("certified_accuracy")).doubleValue();
            double smoothed = ((Number) r.values().get("smoothed_accuracy")).doubleValue();
            System.out.printf(Locale.ROOT, "RESULT nnx %s(size = %s) patch %s: %.1f images/s (%.2f s); certified %d,"
                + " certified and correct %d, smoothed correct %d%n", a[0], a[1], a[2], images / seconds, seconds,
                Math.round(fraction * images), Math.round(correct * images), Math.round(smoothed * images));
          }
        }
      }
    }
  }
}
