package org.nnx.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.block.Block;
import org.nnx.block.BlockKind;
import org.nnx.block.BlockOutcome;
import org.nnx.block.Progress;
import org.nnx.block.ResolvedFile;
import org.nnx.block.RunContext;
import org.nnx.data.DataLocations;
import org.nnx.execute.TrialExecutor;
import org.nnx.plugin.PluginRegistry;
import org.nnx.report.HtmlReport;
import org.nnx.report.MarkdownReport;
import org.nnx.report.Provenance;
import org.nnx.report.ReportElement;
import org.nnx.store.ResultStore;
import org.nnx.store.RunRecord;
import org.nnx.store.StoreException;
import org.nnx.syntax.UserInputException;

/**
 * The one way every runnable block runs: the pipeline gives it a run directory, writes its source
 * ({@code experiment.nnx}), logs the run to {@code run.log}, records it in the result store's run
 * list (so {@code nnx runs}, {@code show} and {@code export} find every kind), runs it, and writes
 * what it gave — its own files, the charts, {@code report.md}, {@code report.html} and {@code
 * run.json} with the one provenance record — then shows its report on the terminal.
 */
public final class RunPipeline {

  private static final Logger LOG = LogManager.getLogger(RunPipeline.class);

  /**
   * How a run is made.
   *
   * @param out the run directory ({@code --out}), or {@code null} for {@code runs/NAME-TIME}
   * @param data where data sets are looked for
   * @param workers trials computed at once
   * @param fresh whether stored values are ignored
   * @param quiet whether nothing but errors is printed
   * @param command the command line as given, for the provenance
   */
  public record Settings(Path out, DataLocations data, int workers, boolean fresh, boolean quiet, List<String> command) {}

  private final PluginRegistry registry;
  private final TrialExecutor executor;
  private final Optional<ResultStore> store;
  private final Settings settings;
  private final PrintWriter out;
  private final PrintWriter err;
  private final PrintStream progressStream;
  private final boolean terminal;

  /**
   * @param progressStream where the progress line is drawn
   * @param terminal whether {@code progressStream} is a terminal
   */
  public RunPipeline(PluginRegistry registry, TrialExecutor executor, Optional<ResultStore> store, Settings settings,
      PrintWriter out, PrintWriter err, PrintStream progressStream, boolean terminal) {
    this.registry = registry;
    this.executor = executor;
    this.store = store;
    this.settings = settings;
    this.out = out;
    this.err = err;
    this.progressStream = progressStream;
    this.terminal = terminal;
  }

  /**
   * Runs {@code blocks} of {@code file} in order (each block after the blocks it needs, which must
   * be among them).
   *
   * @return whether every block succeeded without failures
   * @throws UserInputException for problems of the input found while running (e.g. missing data)
   * @throws IOException if a file of a run directory cannot be written
   * @throws StoreException if the result store cannot be written
   */
  public boolean run(ResolvedFile file, List<ResolvedFile.Entry> blocks) throws UserInputException, IOException,
      StoreException {
    // refused at once, before any block computes or leaves a run folder and a record
    List<org.nnx.syntax.Diagnostic> missing = blocks.stream().flatMap(e -> e.missingInputs(settings.data()).stream())
        .toList();
    if (!missing.isEmpty()) {
      throw new UserInputException(missing);
    }
    Map<String, BlockOutcome> outcomes = new HashMap<>();
    boolean ok = true;
    for (ResolvedFile.Entry entry : blocks) {
      ok &= runOne(entry, blocks.size() == 1, outcomes);
    }
    return ok;
  }

  /**
   * Deletes what a refused run wrote (its {@code experiment.nnx} and {@code run.log}) when the folder
   * holds nothing else, and the folder itself when this run created it.
   */
  private static void removeIfUnused(Path folder, boolean existed) {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      if (!List.of("experiment.nnx", "run.log").containsAll(names)) {
        return;
      }
      for (String name : names) {
        java.nio.file.Files.deleteIfExists(folder.resolve(name));
      }
      if (!existed) {
        java.nio.file.Files.deleteIfExists(folder);
      }
    } catch (IOException e) {
      LOG.warn("could not remove the unused run folder {}: {}", folder, e.getMessage());
    }
  }

  /**
   * A run's id: its folder's name, suffixed {@code -2}, {@code -3}, ... when another folder of the
   * same name already has that id in the store (two {@code --out} folders {@code a/x} and {@code
   * b/x} are two runs); a rerun into the same folder keeps its id.
   */
  private String runId(Path folder) throws StoreException {
    String name = folder.getFileName().toString();
    if (store.isEmpty()) {
      return name;
    }
    java.util.Map<String, String> dirs = new java.util.HashMap<>();
    for (RunRecord r : store.get().runs()) {
      dirs.put(r.id(), Path.of(r.dir()).toAbsolutePath().normalize().toString());
    }
    String here = folder.toAbsolutePath().normalize().toString();
    String id = name;
    for (int i = 2; dirs.containsKey(id) && !dirs.get(id).equals(here); i++) {
      id = name + "-" + i;
    }
    return id;
  }

  /**
   * On Ctrl-C or SIGTERM while a block runs: records the run as interrupted and says what was kept
   * and how to resume. Every finished trial repeat is already committed to the store, so rerunning
   * the same command computes only the rest. The store is given two seconds (a worker may hold it).
   */
  private void interrupted(RunRecord current, Block block) {
    if (store.isPresent()) {
      Thread save = new Thread(() -> saveQuietly(current.with(current.done(), Instant.now().toString(),
          "interrupted")), "nnx-interrupt-save");
      save.setDaemon(true);
      save.start();
      try {
        save.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    err.println();
    err.println("nnx: interrupted: " + block.kind() + " " + block.name() + " had " + current.done() + " of "
        + current.total() + " trial repeats done; they are kept" + (store.isPresent() ? " in the result store" : "")
        + ". Run the same command again to resume: it computes only what is missing.");
    err.flush();
  }

  private boolean runOne(ResolvedFile.Entry entry, boolean onlyOne, Map<String, BlockOutcome> outcomes)
      throws UserInputException, IOException, StoreException {
    Block block = entry.block();
    Path planned = settings.out() == null ? null : onlyOne ? settings.out() : settings.out().resolve(block.name());
    boolean existed = planned != null && java.nio.file.Files.exists(planned);
    RunDirectory dir = RunDirectory.create(settings.out(), block.name(), onlyOne, LocalDateTime.now());
    dir.write("experiment.nnx", block.source().endsWith("\n") ? block.source() : block.source() + "\n");
    Instant started = Instant.now();
    RunRecord record = new RunRecord(runId(dir.path()), block.kind(), block.name(), block.file(),
        dir.path().toString(), started.toString(), null, 0, 0, "running");
    if (store.isPresent()) {
      store.get().saveRun(record);
    }
    Progress shown = settings.quiet() ? Progress.quiet() : new TerminalProgress(progressStream, terminal);
    java.util.concurrent.atomic.AtomicReference<RunRecord> latest = new java.util.concurrent.atomic.AtomicReference<>(
        record);
    Progress progress = new Progress() {
      @Override
      public synchronized void start(String name, int total) {
        RunRecord current = latest.get();
        latest.set(new RunRecord(current.id(), current.kind(), current.experiment(), current.file(), current.dir(),
            current.started(), null, total, 0, "running"));
        saveQuietly(latest.get());
        shown.start(name, total);
      }

      @Override
      public synchronized void trialDone(org.nnx.report.TrialResult result) {
        RunRecord current = latest.get();
        latest.set(current.with(current.done() + 1, null, current.status()));
        saveQuietly(latest.get());
        shown.trialDone(result);
      }

      @Override
      public void finish() {
        shown.finish();
      }
    };
    BlockOutcome outcome;
    Thread onInterrupt = new Thread(() -> interrupted(latest.get(), block), "nnx-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try (RunLog log = new RunLog(dir.path().resolve("run.log"))) {
      LOG.info("{} {} from {}", block.kind(), block.name(), block.file());
      try {
        outcome = run(entry.kind(), block, context(dir, progress, outcomes));
      } catch (UserInputException | RuntimeException | IOException e) {
        if (store.isPresent()) {
          store.get().saveRun(record.with(0, Instant.now().toString(), "failed"));
        }
        throw e;
      }
    } catch (UserInputException e) {
      // refused before anything was computed (e.g. missing data): leave no folder that looks like a run
      removeIfUnused(dir.path(), existed);
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: it records the interruption
      }
    }
    outcomes.put(block.name(), outcome);
    Instant finished = Instant.now();
    for (Map.Entry<String, String> f : outcome.files().entrySet()) {
      dir.write(f.getKey(), f.getValue());
    }
    org.nnx.report.Report.Written figures = outcome.report().writeFigures(dir.path());
    dir.write("report.md", MarkdownReport.write(outcome.header(), outcome.report()));
    Provenance provenance = Provenance.of(registry.plugins(), settings.command(), settings.workers(),
        executor.describe(), started, finished);
    dir.write("run.json", provenance.manifest(block.kind(), outcome.header(), outcome.manifest()));
    dir.write("report.html", HtmlReport.write(outcome.header(), outcome.report(), provenance, dir.path()));
    boolean failed = !outcome.failures().isEmpty() || !figures.failures().isEmpty();
    if (store.isPresent()) {
      store.get().saveRun(new RunRecord(record.id(), record.kind(), record.experiment(), record.file(), record.dir(),
          record.started(), finished.toString(), outcome.total(), outcome.total(), failed ? "failed" : "done"));
    }
    if (!settings.quiet()) {
      show(outcome, dir, figures);
    }
    for (String failure : figures.failures()) {
      err.println("nnx: error: could not draw " + failure + " (details in run.log)");
    }
    for (String failure : outcome.failures()) {
      err.println("nnx: error: " + failure);
    }
    if (!outcome.failures().isEmpty()) {
      err.println("(" + outcome.failures().size() + (outcome.failures().size() == 1 ? " failure" : " failures")
          + "; every other result is in " + dir.path() + "; details in run.log)");
    }
    return !failed;
  }

  @SuppressWarnings("unchecked")
  private static <B extends Block> BlockOutcome run(BlockKind<?, B> kind, Block block, RunContext context)
      throws UserInputException, IOException {
    return kind.run((B) block, context);
  }

  private void show(BlockOutcome outcome, RunDirectory dir, org.nnx.report.Report.Written figures) {
    out.println(outcome.header().title());
    out.println();
    for (ReportElement element : outcome.report().elements()) {
      if (!element.terminal().isEmpty()) {
        out.println(element.terminal());
      }
    }
    List<String> pngs = figures.files().stream().map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith(".png")).toList();
    if (!pngs.isEmpty()) {
      out.println("Plots (each also as .svg): " + String.join(", ", pngs));
    }
    List<String> written = new ArrayList<>();
    for (String f : outcome.files().keySet()) {
      String shown = f.contains("/") ? f.substring(0, f.indexOf('/') + 1) : f;
      if (!written.contains(shown)) {
        written.add(shown);
      }
    }
    if (java.nio.file.Files.isDirectory(dir.path().resolve("weights")) && !written.contains("weights/")) {
      written.add("weights/");
    }
    written.addAll(List.of("report.md", "report.html", "run.json", "run.log"));
    out.println("Wrote " + dir.path() + "/ (" + String.join(", ", written)
        + (pngs.isEmpty() ? "" : ", " + pngs.size() + (pngs.size() == 1 ? " plot" : " plots")) + ")");
  }

  private void saveQuietly(RunRecord r) {
    if (store.isEmpty()) {
      return;
    }
    try {
      store.get().saveRun(r);
    } catch (StoreException e) {
      LOG.warn("could not record progress: {}", e.getMessage());
    }
  }

  private RunContext context(RunDirectory dir, Progress progress, Map<String, BlockOutcome> outcomes) {
    List<String> jars = registry.jars().stream().map(p -> p.toAbsolutePath().toString()).toList();
    return new RunContext() {
      @Override
      public Path directory() {
        return dir.path();
      }

      @Override
      public void write(String name, String text) throws IOException {
        dir.write(name, text);
      }

      @Override
      public PluginRegistry registry() {
        return registry;
      }

      @Override
      public DataLocations data() {
        return settings.data();
      }

      @Override
      public Optional<ResultStore> store() {
        return store;
      }

      @Override
      public boolean fresh() {
        return settings.fresh();
      }

      @Override
      public TrialExecutor executor() {
        return executor;
      }

      @Override
      public Progress progress() {
        return progress;
      }

      @Override
      public List<String> pluginJars() {
        return jars;
      }

      @Override
      public BlockOutcome outcome(String block) {
        BlockOutcome o = outcomes.get(block);
        if (o == null) {
          throw new IllegalStateException("block " + block + " has not run before the block that needs it");
        }
        return o;
      }
    };
  }
}
