/**
 * The {@code spark} trial executor: {@code nnx run FILE --executor spark --master URL} computes each
 * trial repeat as a task of an Apache Spark application. The driver (the {@code nnx} process) keeps
 * the result store and the run directory; executors compute {@link org.nnx.execute.TrialTask}s with
 * their own {@link org.nnx.experiment.TrialWorker} and send back {@link org.nnx.execute.TrialOutcome}s,
 * so results are those of a local run of the same seed.
 *
 * <p>Executors get nnx and its built-in plugins through {@code spark.executor.extraClassPath} (the
 * driver's class path without Spark's own jars: nnx must sit at the same path on every node), and the
 * user's {@code --plugins} jars through {@code SparkContext.addFile}. This module is built only with
 * {@code -Pspark}; the launcher builds it and puts Spark on the class path when asked for {@code
 * --executor spark}.
 */
package org.nnx.spark;
