package org.nnx.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.block.Progress;
import org.nnx.files.AtomicFiles;
import org.nnx.report.TrialResult;

/**
 * {@code results.partial.csv} and {@code results.partial.json} in the run directory while an
 * experiment runs: the trial repeats finished so far, so that a run stopped before its end (Ctrl-C,
 * SIGTERM, a killed process, a full disk) still has its rows on file for {@code nnx export}. The
 * files are rewritten at most every {@link #INTERVAL_MILLIS} and on an interrupt, and removed when
 * the run completes (its {@code results.csv} then holds every row).
 */
final class PartialResults implements Progress, AutoCloseable {

  /** The CSV file's name. */
  static final String CSV = "results.partial.csv";

  /** The JSON file's name. */
  static final String JSON = "results.partial.json";

  /**
   * At most one rewrite in this time, and never more often than ten times the last rewrite took,
   * so that a sweep of many quick trials spends at most a tenth of its time on these files.
   */
  static final long INTERVAL_MILLIS = 2_000;

  private static final Logger LOG = LogManager.getLogger(PartialResults.class);

  private final Experiment experiment;
  private final Path directory;
  private final Progress shown;
  private final List<TrialResult> done = new ArrayList<>();
  private final Thread onInterrupt;
  private int total;
  private long written = Long.MIN_VALUE / 2;
  private long interval = INTERVAL_MILLIS;
  private boolean dirty;

  PartialResults(Experiment experiment, Path directory, Progress shown) {
    this.experiment = experiment;
    this.directory = directory;
    this.shown = shown;
    this.onInterrupt = new Thread(this::flush, "nnx-partial-results");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
  }

  @Override
  public synchronized void start(String name, int total) {
    this.total = total;
    shown.start(name, total);
  }

  @Override
  public void trialDone(TrialResult result) {
    synchronized (this) {
      done.add(result);
      dirty = true;
      if (System.currentTimeMillis() - written >= interval) {
        flush();
      }
    }
    shown.trialDone(result);
  }

  @Override
  public void finish() {
    shown.finish();
  }

  /** Writes the files if rows came since the last write; a failure is logged, not thrown. */
  synchronized void flush() {
    if (!dirty) {
      return;
    }
    List<TrialResult> rows = new ArrayList<>(done);
    rows.sort(Comparator.comparingInt(TrialResult::trial).thenComparingInt(TrialResult::repeat));
    long began = System.currentTimeMillis();
    try {
      AtomicFiles.write(directory.resolve(CSV), ResultsCsv.write(experiment, rows));
      AtomicFiles.write(directory.resolve(JSON), ResultsJson.writePartial(experiment, rows, total));
      dirty = false;
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not write the partial results: {}", e.getMessage());
    }
    written = System.currentTimeMillis();
    interval = Math.max(INTERVAL_MILLIS, 10 * (written - began));
  }

  /**
   * The run needs no partial files: it completed (its {@code results.csv} holds every row, failed
   * ones included) or was refused before it computed anything. Removes them.
   */
  synchronized void discard() throws IOException {
    dirty = false;
    done.clear();
    Files.deleteIfExists(directory.resolve(CSV));
    Files.deleteIfExists(directory.resolve(JSON));
  }

  /** Writes what is not yet on file (unless discarded) and stops watching for an interrupt. */
  @Override
  public void close() {
    flush();
    try {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: it writes the rows finished so far
    }
  }
}
