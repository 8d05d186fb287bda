package org.nnx.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nnx.codesign.Codesign;
import org.nnx.codesign.CodesignSearch;
import org.nnx.codesign.Predictor;
import org.nnx.block.ResolvedFile;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import org.nnx.search.Search;
import org.nnx.syntax.ParseResult;
import org.nnx.syntax.SourceParser;

/**
 * Wall time of the co-design search of {@code examples/flash.nnx} (predictor and hardware model
 * given: no training) and of one solve of each search block of {@code examples/shgo-scipy.nnx} and
 * {@code examples/shgo-eggholder.nnx}, after warm-up, in this JVM. Run by {@code examples/bench/run.sh}.
 *
 * <p>Arguments: {@code [warm-up seconds] [measured seconds]} per case (default 3 and 5). Each case
 * is repeated until the measured time has passed; the median and the minimum per run are printed.
 */
public final class CodesignBenchmark {

  private CodesignBenchmark() {}

  public static void main(String[] args) throws Exception {
    double warm = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    double measure = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    Path root = Path.of(args.length > 2 ? args[2] : ".");
    com.google.inject.Injector injector = PluginLoader.load(List.of());
    PluginRegistry registry = injector.getInstance(PluginRegistry.class);
    org.nnx.block.BlockKinds kinds = injector.getInstance(org.nnx.block.BlockKinds.class);
    System.out.printf(Locale.ROOT, "Java %s, %s, %d cores%n", System.getProperty("java.version"),
        System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
    ResolvedFile flash = resolve(kinds, registry, root.resolve("examples/flash.nnx"));
    for (Codesign c : flash.blocks(Codesign.class)) {
      // a predictor fixed for the benchmark: the search does not depend on how it was fitted
      Predictor p = Predictor.of(c.form(), c.form() == Predictor.Form.LINEAR ? new double[] {0.5, 5e-4}
          : new double[] {0.3, 1.5e-3, -1e-6});
      CodesignSearch.Result[] last = {null};
      double[] t = time(() -> last[0] = new CodesignSearch(c, p).run(), warm, measure);
      System.out.printf(Locale.ROOT, "codesign %-18s median %9.3f ms  min %9.3f ms  (%d runs; %d evaluations, %d"
          + " architectures, %d levels per run)%n", c.name(), t[0] * 1e3, t[1] * 1e3, (int) t[2],
          last[0].evaluations(), last[0].architecturesBuilt(), last[0].rounds().size());
    }
    for (String file : List.of("examples/shgo-scipy.nnx", "examples/shgo-eggholder.nnx")) {
      for (Search s : resolve(kinds, registry, root.resolve(file)).blocks(Search.class)) {
        OptimizationProblem problem = s.problem();
        OptimizationResult[] last = {null};
        double[] t = time(() -> last[0] = s.optimizer().minimize(problem, s.options()), warm, measure);
        System.out.printf(Locale.ROOT, "search   %-18s median %9.3f ms  min %9.3f ms  (%d runs; f = %.10g, nfev %d)%n",
            s.name(), t[0] * 1e3, t[1] * 1e3, (int) t[2], last[0].hasSolution() ? (s.maximize() ? -1 : 1) * last[0].f()
            : Double.NaN, last[0].nfev());
      }
    }
  }

  private static ResolvedFile resolve(org.nnx.block.BlockKinds kinds, PluginRegistry registry, Path file)
      throws Exception {
    ParseResult parsed = SourceParser.parse(file.toString(), Files.readString(file));
    if (!parsed.ok()) {
      throw new IllegalStateException(parsed.errors().toString());
    }
    return kinds.resolve(parsed.file(), registry);
  }

  /** {@code (median, min, runs)} seconds per run after {@code warm} seconds of warm-up. */
  private static double[] time(Runnable run, double warm, double measure) {
    long end = System.nanoTime() + (long) (warm * 1e9);
    while (System.nanoTime() < end) {
      run.run();
    }
    List<Double> times = new ArrayList<>();
    end = System.nanoTime() + (long) (measure * 1e9);
    while (System.nanoTime() < end || times.size() < 5) {
      long start = System.nanoTime();
      run.run();
      times.add((System.nanoTime() - start) / 1e9);
    }
    double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new double[] {sorted[sorted.length / 2], sorted[0], sorted.length};
  }
}
