package org.nnx.cli;

import com.google.inject.Injector;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nnx.block.BlockKinds;
import org.nnx.block.ResolvedFile;
import org.nnx.execute.ExecutorSettings;
import org.nnx.execute.ExecutorSettingsException;
import org.nnx.execute.LocalExecutor;
import org.nnx.execute.TrialExecutor;
import org.nnx.execute.TrialExecutorFactory;
import org.nnx.experiment.Overrides;
import org.nnx.experiment.TrialWorker;
import org.nnx.plugin.PluginRegistry;
import org.nnx.run.RunPipeline;
import org.nnx.store.ResultStore;
import org.nnx.store.StoreException;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;
import org.nnx.syntax.SourceFile;
import org.nnx.syntax.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnx run FILE}: runs every runnable block of a file (or one) and writes their run directories. */
@Command(name = "run", description = "Run the experiments, searches and codesigns of a .nnx file and write their run directories.")
final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The .nnx file.")
  String file;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Run directory: DIR itself when one block runs, else DIR/<block> (default: runs/<block>-<time>).")
  Path out;

  @Option(names = "--only", paramLabel = "NAME",
      description = "Run only this experiment, search or codesign (and the blocks it needs).")
  String only;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Override a value: seed=N, repeats=K, title=\"...\", train.KEY=VALUE (a train setting), data=NAME(...) or data.OPTION=VALUE, or LABEL.PARAM=VALUE for an architecture parameter (VALUE in .nnx syntax, sweeps allowed).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--workers", paramLabel = "N", description = "Trials run at once (default: the number of cores).")
  Integer workers;

  @Option(names = "--executor", paramLabel = "NAME",
      description = "Where trials are computed: local (a pool of --workers threads, the default) or spark (an Apache"
          + " Spark cluster, see --master; ./nnx builds the spark module when asked for it).")
  String executorName = LocalExecutor.NAME;

  @Option(names = "--master", paramLabel = "URL",
      description = "The cluster of --executor spark: local[N], local[*] or spark://HOST:PORT (default: local[*]).")
  String master;

  @Option(names = "--executor-cores", paramLabel = "N",
      description = "Cores of each cluster executor, i.e. trials it computes at once (default: the cluster's).")
  Integer executorCores;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "A setting passed to the cluster executor unchanged, e.g. --conf spark.executor.memory=4g.")
  List<String> conf = new ArrayList<>();

  @Mixin
  DataOptions data = new DataOptions();

  @Option(names = "--store", paramLabel = "FILE",
      description = "The result store: finished trials are committed there and reused by later runs (default: runs/nnx.db).")
  Path storeFile = Path.of("runs", "nnx.db");

  @Option(names = "--fresh", description = "Compute every trial again instead of reusing stored results (a store that cannot be opened is set aside as FILE.broken-<time>).")
  boolean fresh;

  @Option(names = "--keep-models", paramLabel = "SIZE",
      description = "Disk space the store may use for trained models, e.g. 500MB or 0 (default: 2GiB); the least recently used are dropped first.")
  String keepModels;

  @Option(names = {"-q", "--quiet"}, description = "Print no progress and no tables; only errors.")
  boolean quiet;

  @Mixin
  PluginOptions plugins = new PluginOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Injector injector = plugins.injector();
    PluginRegistry registry = plugins.registry();
    BlockKinds kinds = plugins.kinds();
    ResolvedFile resolved;
    List<ResolvedFile.Entry> blocks;
    long modelBytes;
    try {
      SourceFile source = Overrides.parse(overrides).apply(SourceLoader.load(file));
      resolved = kinds.resolve(source, registry);
      blocks = select(resolved);
      modelBytes = keepModels == null ? ResultStore.DEFAULT_MODEL_BYTES
          : Sizes.parse(keepModels, "--keep-models");
    } catch (UserInputException e) {
      e.diagnostics().forEach(d -> stderr.println(d.format()));
      return Main.BAD_INPUT;
    }
    int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    if (threads < 1) {
      stderr.println("nnx: error: --workers must be at least 1");
      return Main.BAD_INPUT;
    }
    if (out != null && java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
      stderr.println("nnx: error: --out " + out + " is a file, not a folder; give a folder (it is created when"
          + " missing), e.g. --out " + out + ".d");
      return Main.BAD_INPUT;
    }
    ResultStore store;
    try {
      store = openStore(stderr);
      store.modelBudget(modelBytes);
    } catch (StoreException e) {
      stderr.println("nnx: error: " + e.getMessage());
      return e instanceof ResultStore.UntouchableStoreException ? Main.BAD_INPUT : Main.FAILURE;
    }
    TrialExecutor executor;
    try {
      executor = executor(registry, threads, injector.getInstance(TrialWorker.class));
    } catch (ExecutorSettingsException e) {
      store.close();
      stderr.println("nnx: error: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    try (store; executor) {
      RunPipeline pipeline = new RunPipeline(registry, executor, Optional.of(store),
          new RunPipeline.Settings(out, data.locations(), executor.parallelism(), fresh, quiet, commandLine()), stdout, stderr,
          System.err, System.console() != null);
      return pipeline.run(resolved, blocks) ? 0 : Main.FAILURE;
    } catch (UserInputException e) {
      e.diagnostics().forEach(d -> stderr.println(d.format()));
      return Main.BAD_INPUT;
    }
  }

  /** The executor {@code --executor} names, made with the executor options. */
  private TrialExecutor executor(PluginRegistry registry, int threads, TrialWorker worker)
      throws ExecutorSettingsException {
    TrialExecutorFactory factory = registry.executors().get(executorName);
    if (factory == null) {
      throw new ExecutorSettingsException("--executor " + executorName + ": no such executor (known: "
          + String.join(", ", registry.executors().keySet()) + ")"
          + (executorName.equals("spark") ? "; the spark executor is the plugins/spark module, which ./nnx builds"
              + " and loads when the command line says --executor spark" : ""));
    }
    if (executorCores != null && executorCores < 1) {
      throw new ExecutorSettingsException("--executor-cores must be at least 1, got " + executorCores);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String c : conf) {
      int eq = c.indexOf('=');
      if (eq < 1) {
        throw new ExecutorSettingsException("--conf " + c + ": give KEY=VALUE, e.g. --conf spark.executor.memory=4g");
      }
      settings.put(c.substring(0, eq), c.substring(eq + 1));
    }
    PrintWriter status = quiet ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getErr();
    return factory.create(new ExecutorSettings(threads, workers != null, Optional.ofNullable(master),
        executorCores == null ? OptionalInt.empty() : OptionalInt.of(executorCores), settings, worker,
        registry.jars(), status));
  }

  /** The blocks to run: every runnable one, or {@code --only}'s with the blocks it needs, in file order. */
  private List<ResolvedFile.Entry> select(ResolvedFile resolved) throws UserInputException {
    if (only == null) {
      return resolved.runnable();
    }
    if (resolved.runnable(only).isEmpty()) {
      boolean experimentsOnly = resolved.runnable().stream().allMatch(e -> e.block().kind().equals("experiment"));
      throw new UserInputException(new Diagnostic(new Location(file, 1, 1),
          "no " + (experimentsOnly ? "experiment" : "experiment, search or codesign") + " named '" + only
              + "' in this file", "remove --only or fix the name"));
    }
    Set<String> wanted = new LinkedHashSet<>();
    need(resolved, only, wanted);
    return resolved.runnable().stream().filter(e -> wanted.contains(e.block().name())).toList();
  }

  private static void need(ResolvedFile resolved, String name, Set<String> wanted) {
    if (!wanted.add(name)) {
      return;
    }
    resolved.runnable(name).ifPresent(e -> e.block().needs().forEach(n -> need(resolved, n, wanted)));
  }

  private ResultStore openStore(PrintWriter stderr) throws StoreException, IOException {
    try {
      return ResultStore.open(storeFile);
    } catch (StoreException e) {
      if (!fresh || !Files.exists(storeFile) || e instanceof ResultStore.UntouchableStoreException) {
        throw e;
      }
      Path aside = ResultStore.moveAside(storeFile, STAMP.format(LocalDateTime.now()));
      stderr.println("nnx: the result store " + storeFile + " could not be opened; it was moved to " + aside
          + " and a new store was started");
      return ResultStore.open(storeFile);
    }
  }

  private List<String> commandLine() {
    List<String> args = new ArrayList<>(List.of("nnx", "run", file));
    if (out != null) {
      args.add("--out=" + out);
    }
    if (only != null) {
      args.add("--only=" + only);
    }
    overrides.forEach(o -> args.add("--set=" + o));
    if (!executorName.equals(LocalExecutor.NAME)) {
      args.add("--executor=" + executorName);
    }
    if (master != null) {
      args.add("--master=" + master);
    }
    return args;
  }
}
