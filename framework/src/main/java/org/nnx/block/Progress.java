package org.nnx.block;

import org.nnx.report.TrialResult;

/** Receives progress of a run; implementations must be thread-safe. */
public interface Progress {

  /** A run of {@code total} trial repeats starts. */
  void start(String experiment, int total);

  /** One trial repeat finished. */
  void trialDone(TrialResult result);

  /** The run ended. */
  void finish();

  /** A progress that shows nothing. */
  static Progress quiet() {
    return new Progress() {
      public void start(String experiment, int total) {}

      public void trialDone(TrialResult result) {}

      public void finish() {}
    };
  }
}
