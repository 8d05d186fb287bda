package org.nnx.run;

import java.io.PrintStream;
import org.nnx.report.TrialResult;
import org.nnx.block.Progress;

/**
 * Shows trials done/total, the time so far, the rate and the time left on one terminal line,
 * redrawn at most a few times a second. On a terminal every run shows it; written to a file or a
 * pipe, runs of fewer than {@link #MIN_TRIALS} trials show nothing and longer ones a line every 10 s.
 */
public final class TerminalProgress implements Progress {

  static final int MIN_TRIALS = 20;
  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintStream out;
  private final boolean interactive;
  private String experiment;
  private int total;
  private int done;
  private long started;
  private long lastDrawn;

  /**
   * @param out where to draw (normally standard error)
   * @param interactive whether {@code out} is a terminal: then the line is redrawn in place,
   *     otherwise a line is printed every 10 seconds
   */
  public TerminalProgress(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public synchronized void start(String experiment, int total) {
    this.experiment = experiment;
    this.total = total;
    this.done = 0;
    this.started = System.nanoTime();
    this.lastDrawn = started;
  }

  @Override
  public synchronized void trialDone(TrialResult result) {
    done++;
    long now = System.nanoTime();
    long every = interactive ? REDRAW_NANOS : 40 * REDRAW_NANOS;
    if ((interactive || total >= MIN_TRIALS) && (now - lastDrawn >= every || done == total)) {
      lastDrawn = now;
      draw(now);
    }
  }

  private void draw(long now) {
    double seconds = (now - started) / 1e9;
    double rate = done / Math.max(seconds, 1e-9);
    double left = (total - done) / Math.max(rate, 1e-9);
    String line = String.format(java.util.Locale.ROOT, "%s: %d/%d trials, %s, %.1f/s, %s left", experiment, done,
        total, duration(seconds), rate, duration(left));
    out.print(interactive ? "\r" + line + "   " : line + System.lineSeparator());
    out.flush();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }

  @Override
  public synchronized void finish() {
    if (interactive && done > 0) {
      out.println();
    }
  }
}
