package org.nnx.run;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.store.ResultStore;
import org.nnx.store.RunRecord;
import org.nnx.store.StoreException;

/** Passes progress on and records the number of finished trial repeats in the store's run list. */
public final class StoreProgress implements Progress {

  private static final Logger LOG = LogManager.getLogger(StoreProgress.class);

  private final Progress next;
  private final ResultStore store;
  private final RunRecord run;
  private int done;

  /**
   * @param next the progress to pass events on to
   * @param run the run as recorded when it started
   */
  public StoreProgress(Progress next, ResultStore store, RunRecord run) {
    this.next = next;
    this.store = store;
    this.run = run;
  }

  @Override
  public void start(String experiment, int total) {
    next.start(experiment, total);
  }

  @Override
  public synchronized void trialDone(TrialResult result) {
    done++;
    try {
      store.saveRun(new RunRecord(run.id(), run.experiment(), run.file(), run.dir(), run.started(), null,
          run.total(), done, run.status()));
    } catch (StoreException e) {
      LOG.warn("could not record progress: {}", e.getMessage());
    }
    next.trialDone(result);
  }

  @Override
  public void finish() {
    next.finish();
  }
}
