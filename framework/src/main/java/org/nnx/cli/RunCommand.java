package org.nnx.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.ExperimentResolver;
import org.nnx.experiment.Overrides;
import org.nnx.experiment.ResolvedFile;
import org.nnx.experiment.UserInputException;
import org.nnx.plugin.PluginRegistry;
import org.nnx.report.HtmlProvenance;
import org.nnx.report.HtmlReport;
import org.nnx.report.LinksFile;
import org.nnx.report.MarkdownReport;
import org.nnx.report.Report;
import org.nnx.report.ReportElement;
import org.nnx.report.ResultsCsv;
import org.nnx.report.ResultsJson;
import org.nnx.run.ExperimentRunner;
import org.nnx.run.HardwareSetup;
import org.nnx.run.Progress;
import org.nnx.run.RunDirectory;
import org.nnx.run.SearchRunner;
import org.nnx.run.CodesignRunner;
import org.nnx.codesign.Codesign;
import org.nnx.search.Search;
import org.nnx.run.StoreProgress;
import org.nnx.run.StoredResults;
import org.nnx.store.ResultKeys;
import org.nnx.store.ResultStore;
import org.nnx.store.RunRecord;
import org.nnx.store.StoreException;
import org.nnx.run.RunLog;
import org.nnx.run.RunManifest;
import org.nnx.run.TerminalProgress;
import org.nnx.run.TrialResult;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;
import org.nnx.syntax.SourceFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nnx run FILE}: runs every experiment of a file (or one) and writes its run directory. */
@Command(name = "run", description = "Run the experiments and searches of a .nnx file and write their run directories.")
final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The .nnx file.")
  String file;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Run directory: DIR itself when one experiment runs, else DIR/<experiment> (default: runs/<experiment>-<time>).")
  Path out;

  @Option(names = "--only", paramLabel = "NAME", description = "Run only this experiment or search.")
  String only;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Override a value: seed=N, repeats=K, title=\"...\", or LABEL.PARAM=VALUE for an architecture parameter (VALUE in .nnx syntax, sweeps allowed).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--workers", paramLabel = "N", description = "Trials run at once (default: the number of cores).")
  Integer workers;

  @Mixin
  DataOptions data = new DataOptions();

  @Option(names = "--store", paramLabel = "FILE",
      description = "The result store: finished trials are committed there and reused by later runs (default: runs/nnx.db).")
  Path storeFile = Path.of("runs", "nnx.db");

  @Option(names = "--fresh", description = "Compute every trial again instead of reusing stored results (a store that cannot be opened is set aside as FILE.broken-<time>).")
  boolean fresh;

  @Option(names = {"-q", "--quiet"}, description = "Print no progress and no tables; only errors.")
  boolean quiet;

  @Mixin
  PluginOptions plugins = new PluginOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** The results of each experiment run so far, by name, for the codesigns that sample it. */
  private final java.util.Map<String, List<TrialResult>> experimentResults = new java.util.HashMap<>();

  /** How long a claim on a trial lasts without renewal. */
  private static final long CLAIM_MILLIS = 60_000;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    PluginRegistry registry = plugins.registry();
    List<Experiment> experiments;
    List<Search> searches;
    List<Codesign> codesigns;
    try {
      SourceFile source = Overrides.parse(overrides).apply(SourceLoader.load(file));
      ResolvedFile resolved = new ExperimentResolver(registry).resolveFile(source);
      experiments = resolved.experiments();
      searches = resolved.searches();
      codesigns = resolved.codesigns();
      if (only != null) {
        codesigns = codesigns.stream().filter(c -> c.name().equals(only)).toList();
        List<String> needed = codesigns.stream().map(c -> c.samples().name()).toList();
        experiments = experiments.stream().filter(e -> e.name().equals(only) || needed.contains(e.name())).toList();
        searches = searches.stream().filter(q -> q.name().equals(only)).toList();
        if (experiments.isEmpty() && searches.isEmpty() && codesigns.isEmpty()) {
          String kinds = resolved.searches().isEmpty() && resolved.codesigns().isEmpty() ? "experiment"
              : "experiment, search or codesign";
          throw new UserInputException(new Diagnostic(new Location(file, 1, 1),
              "no " + kinds + " named '" + only + "' in this file", "remove --only or fix the name"));
        }
      }
    } catch (UserInputException e) {
      e.diagnostics().forEach(d -> stderr.println(d.format()));
      return Main.BAD_INPUT;
    }
    int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    if (threads < 1) {
      stderr.println("nnx: error: --workers must be at least 1");
      return Main.BAD_INPUT;
    }
    boolean failed = false;
    ResultStore store;
    try {
      store = openStore(stderr);
    } catch (StoreException e) {
      stderr.println("nnx: error: " + e.getMessage());
      return Main.FAILURE;
    }
    try (store) {
      for (Experiment experiment : experiments) {
        try {
          failed |= runOne(experiment, registry, store, threads,
              experiments.size() + searches.size() + codesigns.size() == 1, stdout, stderr);
        } catch (UserInputException e) {
          e.diagnostics().forEach(d -> stderr.println(d.format()));
          return Main.BAD_INPUT;
        }
      }
    }
    for (Search search : searches) {
      try {
        RunDirectory dir = RunDirectory.create(out, search.name(),
            experiments.size() + searches.size() + codesigns.size() == 1, LocalDateTime.now());
        SearchRunner.Outcome outcome = SearchRunner.run(search, dir, commandLine());
        if (!quiet) {
          stdout.print(SearchRunner.summary(outcome));
        }
      } catch (UserInputException e) {
        e.diagnostics().forEach(d -> stderr.println(d.format()));
        return Main.BAD_INPUT;
      }
    }
    for (Codesign codesign : codesigns) {
      try {
        RunDirectory dir = RunDirectory.create(out, codesign.name(), false, LocalDateTime.now());
        CodesignRunner.Outcome outcome = CodesignRunner.run(codesign, experimentResults.get(codesign.samples().name()),
            data.locations(), dir, commandLine());
        if (!quiet) {
          stdout.print(CodesignRunner.summary(outcome));
        }
        if (outcome.failure() != null) {
          stderr.println("nnx: error: " + outcome.failure() + " (details in " + dir.path() + "/run.log)");
          failed = true;
        }
      } catch (UserInputException e) {
        e.diagnostics().forEach(d -> stderr.println(d.format()));
        return Main.BAD_INPUT;
      }
    }
    return failed ? Main.FAILURE : 0;
  }

  private ResultStore openStore(PrintWriter stderr) throws StoreException, IOException {
    try {
      return ResultStore.open(storeFile);
    } catch (StoreException e) {
      if (!fresh || !java.nio.file.Files.exists(storeFile)) {
        throw e;
      }
      Path aside = ResultStore.moveAside(storeFile, STAMP.format(LocalDateTime.now()));
      stderr.println("nnx: the result store " + storeFile + " could not be opened; it was moved to " + aside
          + " and a new store was started");
      return ResultStore.open(storeFile);
    }
  }

  private static final java.time.format.DateTimeFormatter STAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private boolean runOne(Experiment experiment, PluginRegistry registry, ResultStore store, int threads,
      boolean onlyOne, PrintWriter stdout, PrintWriter stderr) throws IOException, UserInputException, StoreException {
    RunDirectory dir = RunDirectory.create(out, experiment.name(), onlyOne, LocalDateTime.now());
    dir.write("experiment.nnx", experiment.source());
    HardwareSetup.prepare(experiment, dir);
    Instant started = Instant.now();
    List<TrialResult> results;
    Progress terminal = quiet ? Progress.quiet() : new TerminalProgress(System.err, System.console() != null);
    int total = experiment.trials().size() * experiment.repeats();
    RunRecord record = new RunRecord(dir.path().getFileName().toString(), experiment.name(), file,
        dir.path().toString(), started.toString(), null, total, 0, "running");
    store.saveRun(record);
    Progress progress = new StoreProgress(terminal, store, record);
    try (RunLog log = new RunLog(dir.path().resolve("run.log"));
        StoredResults stored = new StoredResults(store, new ResultKeys(experiment, registry::versionOf), fresh, CLAIM_MILLIS)) {
      results = new ExperimentRunner(threads, data.locations(), progress, Optional.of(stored)).run(experiment);
    }
    Instant finished = Instant.now();
    experimentResults.put(experiment.name(), results);
    boolean anyFailed = results.stream().anyMatch(r -> r.failure() != null);
    store.saveRun(new RunRecord(record.id(), record.experiment(), record.file(), record.dir(), record.started(),
        finished.toString(), total, total, anyFailed ? "failed" : "done"));
    dir.write("results.csv", ResultsCsv.write(experiment, results));
    dir.write("results.json", ResultsJson.write(experiment, results));
    Optional<String> links = LinksFile.write(experiment, results);
    if (links.isPresent()) {
      dir.write("links.json", links.get());
    }
    Report report = Report.of(experiment, results);
    Report.Written figures = report.writeFigures(dir.path());
    dir.write("report.md", MarkdownReport.write(experiment, results, report));
    dir.write("run.json", RunManifest.write(experiment, results, registry.plugins(), commandLine(), threads,
        started, finished));
    dir.write("report.html", HtmlReport.write(experiment, results, report,
        HtmlProvenance.of(registry.plugins(), commandLine(), threads, started, finished), dir.path()));
    if (!quiet) {
      stdout.println(experiment.title());
      stdout.println();
      for (ReportElement element : report.elements()) {
        if (!element.terminal().isEmpty()) {
          stdout.println(element.terminal());
        }
      }
      List<String> pngs = figures.files().stream().map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".png")).toList();
      if (!pngs.isEmpty()) {
        stdout.println("Plots (each also as .svg): " + String.join(", ", pngs));
      }
      stdout.println("Wrote " + dir.path() + "/ (results.csv, results.json, report.md, report.html, run.json, run.log"
          + (pngs.isEmpty() ? "" : ", " + pngs.size() + (pngs.size() == 1 ? " plot" : " plots")) + ")");
    }
    for (String failure : figures.failures()) {
      stderr.println("nnx: error: could not draw " + failure + " (details in run.log)");
    }
    List<TrialResult> failures = results.stream().filter(r -> r.failure() != null).toList();
    for (TrialResult f : failures) {
      stderr.println("nnx: error: " + f.failure());
    }
    if (!failures.isEmpty()) {
      stderr.println("(" + failures.size() + " trial runs failed; the others' results are in " + dir.path()
          + "; details in run.log)");
    }
    return !failures.isEmpty() || !figures.failures().isEmpty();
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
    return args;
  }
}
