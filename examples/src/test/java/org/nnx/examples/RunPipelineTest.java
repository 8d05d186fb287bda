package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.block.BlockKinds;
import org.nnx.execute.TrialOutcome;
import org.nnx.execute.TrialTask;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.TrialWorker;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import org.nnx.report.CsvTable;
import org.nnx.syntax.SourceParser;

/**
 * The run pipeline and its seams, end to end through the command line: trained models kept and
 * read by metrics added later, values keyed by the code that computes them, training settings
 * swept like parameters, searches and codesigns recorded and reused like experiments, and trial
 * tasks that compute the same values in another injector after a round trip through bytes.
 */
class RunPipelineTest {

  @TempDir
  Path dir;

  private static final String TRAINED = """
      experiment t {
        data synthetic
        architectures { m: dense_mlp(width = 4, depth = 3, tc = 0) }
        train { epochs = 1, batch = 100, train_samples = 500, test_samples = 200 }
        measure %s
      }
      """;

  private Path file(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void aMetricOfTheTrainedModelAddedLaterTrainsNothingAndGcDropsTheModels() throws IOException {
    Path store = dir.resolve("store/nnx.db");
    Cli first = Cli.run("run", "-q", file("a.nnx", TRAINED.formatted("test_accuracy")).toString(),
        "--store", store.toString(), "--out", dir.resolve("a").toString());
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(Files.readString(dir.resolve("a/run.log"))).contains("training dense_mlp");
    try (var models = Files.list(store.resolveSibling("nnx.db.models"))) {
      assertThat(models.count()).isEqualTo(1);
    }

    Cli second = Cli.run("run", "-q", file("b.nnx", TRAINED.formatted("test_accuracy, weight_norm")).toString(),
        "--store", store.toString(), "--out", dir.resolve("b").toString());
    assertThat(second.status()).as(second.err()).isZero();
    String log = Files.readString(dir.resolve("b/run.log"));
    assertThat(log).contains("reusing its kept trained model").doesNotContain("training dense_mlp");
    Map<String, String> a = CsvTable.read(dir.resolve("a/results.csv")).get(0);
    Map<String, String> b = CsvTable.read(dir.resolve("b/results.csv")).get(0);
    assertThat(b.get("test_accuracy")).isEqualTo(a.get("test_accuracy"));
    assertThat(Double.parseDouble(b.get("weight_norm"))).isPositive();

    Cli usage = Cli.run("gc", "--store", store.toString());
    assertThat(usage.status()).as(usage.err()).isZero();
    assertThat(usage.out()).contains("1 trained models").contains("nothing dropped");
    Cli gc = Cli.run("gc", "--models", "--store", store.toString());
    assertThat(gc.out()).contains("dropped 1, 0 left");
    // with the model gone, a new metric of the trained model trains again (stored values stay)
    Cli third = Cli.run("run", "-q", file("c.nnx", TRAINED.formatted("test_accuracy, weight_norm, train_loss"))
        .toString(), "--store", store.toString(), "--out", dir.resolve("c").toString());
    assertThat(third.status()).as(third.err()).isZero();
    assertThat(Files.readString(dir.resolve("c/run.log"))).contains("training dense_mlp");
    assertThat(CsvTable.read(dir.resolve("c/results.csv")).get(0).get("test_accuracy")).isEqualTo(a.get("test_accuracy"));
  }

  @Test
  void aModelBudgetOfZeroKeepsNoModels() throws IOException {
    Path store = dir.resolve("s0/nnx.db");
    Cli run = Cli.run("run", "-q", file("a.nnx", TRAINED.formatted("test_accuracy")).toString(), "--store",
        store.toString(), "--keep-models", "0", "--out", dir.resolve("o").toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Cli.run("gc", "--store", store.toString()).out()).contains("0 trained models");
    Cli bad = Cli.run("run", "-q", dir.resolve("a.nnx").toString(), "--keep-models", "lots");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("--keep-models:1:1: error: 'lots' is not a size");
  }

  /** A plugin whose metric {@code answer} returns {@code value}, declaring version 1.0 whatever it computes. */
  private Path plugin(String name, int value) throws IOException {
    Path src = Files.createDirectories(dir.resolve(name + "/src/org/example/answer"));
    Files.writeString(src.resolve("AnswerPlugin.java"), """
        package org.example.answer;

        import com.google.inject.AbstractModule;
        import com.google.inject.Module;
        import org.nnx.param.Parameters;
        import org.nnx.plugin.Metric;
        import org.nnx.plugin.MetricResult;
        import org.nnx.plugin.NnxPlugin;
        import org.nnx.plugin.Registrations;
        import org.nnx.plugin.TrialContext;

        public final class AnswerPlugin implements NnxPlugin {
          public static final class Answer implements Metric {
            public String name() { return "answer"; }
            public String description() { return "a constant"; }
            public MetricResult compute(TrialContext trial, Parameters options) {
              return MetricResult.of("answer", %d);
            }
          }
          public String name() { return "answer"; }
          public String version() { return "1.0"; }
          public Module module() {
            return new AbstractModule() {
              protected void configure() { Registrations.metrics(binder()).addBinding().to(Answer.class); }
            };
          }
        }
        """.formatted(value));
    Path classes = Files.createDirectories(dir.resolve(name + "/classes/META-INF/services"));
    Files.writeString(classes.resolve("org.nnx.plugin.NnxPlugin"), "org.example.answer.AnswerPlugin\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", dir.resolve(name + "/classes").toString(), "--release", "17", "-cp",
        System.getProperty("java.class.path"), src.resolve("AnswerPlugin.java").toString())).isZero();
    Path jarDir = Files.createDirectories(dir.resolve(name + "/plugins"));
    Path root = dir.resolve(name + "/classes");
    try (OutputStream out = Files.newOutputStream(jarDir.resolve("answer.jar"));
        JarOutputStream jar = new JarOutputStream(out)) {
      try (var files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          jar.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
          jar.write(Files.readAllBytes(f));
          jar.closeEntry();
        }
      }
    }
    return jarDir;
  }

  @Test
  void aStoredValueIsNotReusedOnceTheCodeThatComputedItChanges() throws IOException {
    Path f = file("answer.nnx", "experiment q {\n architectures { m: dense_mlp(width = 4, depth = 3, tc = 0, inputs = 2,"
        + " classes = 2) }\n measure answer\n}\n");
    Path store = dir.resolve("answers/nnx.db");
    Path one = plugin("one", 1);
    Path two = plugin("two", 2);
    Cli a = Cli.run("run", "-q", f.toString(), "--plugins", one.toString(), "--store", store.toString(), "--out",
        dir.resolve("r1").toString());
    assertThat(a.status()).as(a.err()).isZero();
    assertThat(CsvTable.read(dir.resolve("r1/results.csv")).get(0).get("answer")).isEqualTo("1");
    // the same plugin name and declared version, other code: the value is computed again
    Cli b = Cli.run("run", "-q", f.toString(), "--plugins", two.toString(), "--store", store.toString(), "--out",
        dir.resolve("r2").toString());
    assertThat(b.status()).as(b.err()).isZero();
    assertThat(CsvTable.read(dir.resolve("r2/results.csv")).get(0).get("answer")).isEqualTo("2");
    assertThat(Files.readString(dir.resolve("r2/run.log"))).contains("computed trial 0");
    // the first code again: its stored value is reused
    Cli c = Cli.run("run", "-q", f.toString(), "--plugins", one.toString(), "--store", store.toString(), "--out",
        dir.resolve("r3").toString());
    assertThat(CsvTable.read(dir.resolve("r3/results.csv")).get(0).get("answer")).isEqualTo("1");
    assertThat(Files.readString(dir.resolve("r3/run.log"))).contains("reused trial 0");
  }

  @Test
  void trainingSettingsSweepLikeParameters() throws IOException {
    Path f = file("sweep.nnx", """
        experiment s {
          data synthetic
          architectures { m: dense_mlp(width = 4, depth = 3, tc = {0, 2}) }
          train { optimizer = adam(lr = {1e-3, 3e-3}), batch = {50, 100}, train_samples = 300, test_samples = 100 }
          measure test_accuracy, train_loss
          report table(tc, optimizer.lr, batch, test_accuracy)
        }
        """);
    Cli check = Cli.run("check", f.toString());
    assertThat(check.status()).as(check.err()).isZero();
    assertThat(check.out()).contains("experiment s: 8 trials x 1 repeat, 2 metrics: ok");
    Cli run = Cli.run("run", "-q", f.toString(), "--out", dir.resolve("sweep").toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<Map<String, String>> rows = CsvTable.read(dir.resolve("sweep/results.csv"));
    assertThat(rows).hasSize(8);
    assertThat(rows.get(0).keySet()).containsSubsequence("tc", "optimizer.lr", "batch", "test_accuracy");
    assertThat(rows).extracting(r -> r.get("tc") + "/" + r.get("optimizer.lr") + "/" + r.get("batch"))
        .containsExactly("0/0.001/50", "0/0.001/100", "0/0.003/50", "0/0.003/100", "2/0.001/50", "2/0.001/100",
            "2/0.003/50", "2/0.003/100");
    // each setting changes the training: no two losses of one architecture are equal
    assertThat(rows.subList(0, 4)).extracting(r -> r.get("train_loss")).doesNotHaveDuplicates();
    assertThat(Files.readString(dir.resolve("sweep/report.md"))).contains("| tc | optimizer.lr | batch | test_accuracy |");
    Cli bad = Cli.run("check", file("bad.nnx", "experiment b {\n data synthetic\n architectures { m: dense_mlp(width = 4,"
        + " depth = 3, tc = 0) }\n train { batch = {0, 64} }\n measure test_accuracy\n}\n").toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("bad.nnx:4:").contains("error: 'batch' is 0, out of range");
  }

  @Test
  void searchesAreRecordedShownExportedAndReused() throws IOException {
    Path f = file("search.nnx", "search sq {\n variables { x in [-2, 3] }\n minimize (x - 1)^2 + 0.5\n}\n");
    Path store = dir.resolve("searches/nnx.db");
    Cli first = Cli.run("run", f.toString(), "--store", store.toString(), "--out", dir.resolve("s1").toString());
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out()).contains("1 local minimum in local_minima.csv").contains("report.html");
    for (String name : List.of("results.csv", "results.json", "local_minima.csv", "report.md", "report.html",
        "run.json", "run.log", "experiment.nnx")) {
      assertThat(dir.resolve("s1").resolve(name)).as(name).isRegularFile();
    }
    assertThat(Files.readString(dir.resolve("s1/run.json"))).contains("\"kind\": \"search\"")
        .contains("\"java_vm\"").contains("\"executor\"");
    Cli runs = Cli.run("runs", "--store", store.toString());
    assertThat(runs.out()).contains("s1").contains("done");
    Cli show = Cli.run("show", "s1", "--store", store.toString());
    assertThat(show.out()).contains("Result\n------").contains("Minimize (x - 1)");
    Cli export = Cli.run("export", "s1", "--store", store.toString());
    assertThat(export.out()).isEqualTo(Files.readString(dir.resolve("s1/results.csv")));
    Cli second = Cli.run("run", "-q", f.toString(), "--store", store.toString(), "--out", dir.resolve("s2").toString());
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(Files.readString(dir.resolve("s2/run.log"))).contains("reusing its stored result");
    assertThat(Files.readString(dir.resolve("s2/results.csv"))).isEqualTo(Files.readString(dir.resolve("s1/results.csv")));
  }

  @Test
  void aTrialTaskComputesTheSameValuesInAnotherInjectorAfterARoundTripThroughBytes() throws Exception {
    String text = TRAINED.formatted("test_accuracy, weight_norm, nn_mass");
    var injector = PluginLoader.load(List.of());
    PluginRegistry registry = injector.getInstance(PluginRegistry.class);
    Experiment e = injector.getInstance(BlockKinds.class).resolve(SourceParser.parse("t.nnx", text).file(), registry)
        .blocks(Experiment.class).get(0);
    TrialTask task = new TrialTask("t.nnx", e.source(), e.name(), 0, 0, e.trialSeed(0, 0),
        List.of("test_accuracy", "weight_norm", "nn_mass"), List.of(), List.of(dir.toString()),
        dir.resolve("cache").toString(), null, false, 1);
    TrialOutcome here = injector.getInstance(TrialWorker.class).run(task);
    assertThat(here.failures()).isEmpty();
    assertThat(here.trained()).isNotNull();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(task);
    }
    TrialTask copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (TrialTask) in.readObject();
    }
    var other = PluginLoader.load(List.of());
    TrialOutcome there = other.getInstance(TrialWorker.class).run(copy);
    assertThat(there.values()).isEqualTo(here.values());
    assertThat(there.trained().weights()).isEqualTo(here.trained().weights());
    ByteArrayOutputStream outcomeBytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(outcomeBytes)) {
      out.writeObject(there);
    }
    assertThat(outcomeBytes.size()).isPositive();

    // a task that carries the kept training run trains nothing and gives the same values
    TrialTask withModel = new TrialTask("t.nnx", e.source(), e.name(), 0, 0, e.trialSeed(0, 0),
        List.of("test_accuracy", "weight_norm"), List.of(), List.of(dir.toString()), dir.resolve("cache").toString(),
        here.trained(), false, 1);
    TrialOutcome reused = other.getInstance(TrialWorker.class).run(withModel);
    assertThat(reused.trained()).isNull();
    assertThat(reused.values()).containsEntry("test_accuracy", here.values().get("test_accuracy"))
        .containsEntry("weight_norm", here.values().get("weight_norm"));
  }

  @Test
  void aTaskOfAnotherExperimentSourceFailsInsteadOfComputingTheWrongTrial() throws Exception {
    var injector = PluginLoader.load(new ArrayList<>());
    TrialTask task = new TrialTask("t.nnx", "experiment x {\n architectures { m: dense_mlp(width = 4, depth = 3, tc = 0, "
        + "inputs = 2, classes = 2) }\n measure nn_mass\n}", "x", 0, 0, 12345, List.of("nn_mass"), List.of(), List.of(),
        dir.toString(), null, false, 1);
    TrialOutcome outcome = injector.getInstance(TrialWorker.class).run(task);
    assertThat(outcome.values()).isEmpty();
    assertThat(outcome.failures()).singleElement().asString().contains("resolves to other trials");
  }
}
