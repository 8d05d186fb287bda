package org.nnx.execute;

/** Makes the {@code local} executor: a {@link LocalExecutor} of {@code --workers} threads. */
public final class LocalExecutorFactory implements TrialExecutorFactory {

  @Override
  public String name() {
    return LocalExecutor.NAME;
  }

  @Override
  public String description() {
    return "a pool of --workers threads in this process (the default)";
  }

  @Override
  public TrialExecutor create(ExecutorSettings settings) throws ExecutorSettingsException {
    if (settings.master().isPresent() || settings.executorCores().isPresent() || !settings.conf().isEmpty()) {
      throw new ExecutorSettingsException("--master, --executor-cores and --conf are for a cluster executor, and"
          + " this run uses the local one; add --executor spark, or leave them out");
    }
    return new LocalExecutor(settings.workers(), settings.runner());
  }
}
