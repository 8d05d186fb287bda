package org.nnx.spark;

import org.nnx.execute.ExecutorSettings;
import org.nnx.execute.ExecutorSettingsException;
import org.nnx.execute.TrialExecutor;
import org.nnx.execute.TrialExecutorFactory;

/**
 * Makes the {@code spark} executor. Spark's classes are touched only in {@link #create}, so that the
 * plugin loads (and {@code nnx plugins} lists it) on a class path without Spark.
 */
public final class SparkExecutorFactory implements TrialExecutorFactory {

  @Override
  public String name() {
    return SparkExecutor.NAME;
  }

  @Override
  public String description() {
    return "an Apache Spark application, one task per trial repeat (--master local[N], spark://HOST:PORT, yarn or"
        + " k8s://https://HOST:PORT,"
        + " --executor-cores N, --conf spark.KEY=VALUE)";
  }

  @Override
  public TrialExecutor create(ExecutorSettings settings) throws ExecutorSettingsException {
    if (settings.workersGiven()) {
      throw new ExecutorSettingsException("--workers is for the local executor; a Spark cluster computes as many"
          + " trials at once as its executors have cores (choose them with --executor-cores N or the cluster's"
          + " workers), so leave --workers out");
    }
    String master = MasterUrl.check(settings.master().orElse(MasterUrl.DEFAULT), System::getenv, settings.conf());
    try {
      Class.forName("org.apache.spark.SparkContext", false, SparkExecutorFactory.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ExecutorSettingsException("Apache Spark is not on the class path; run through ./nnx, which builds"
          + " the spark module and adds Spark when the command line says --executor spark");
    }
    return SparkExecutor.start(master, settings);
  }
}
