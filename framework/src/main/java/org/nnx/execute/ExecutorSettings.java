package org.nnx.execute;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code nnx run} tells a {@link TrialExecutorFactory}: the command line's executor options and
 * what this process offers a task.
 *
 * @param workers trial repeats computed at once in this process ({@code --workers}, default the cores)
 * @param workersGiven whether {@code --workers} was given (a cluster executor refuses it rather than
 *     ignoring it)
 * @param master the cluster's master ({@code --master}), if given
 * @param executorCores cores of each cluster executor ({@code --executor-cores}), if given
 * @param conf executor settings passed through unchanged ({@code --conf KEY=VALUE}; of a key given
 *     twice, the last)
 * @param runner computes a task in this process (with this process's plugins)
 * @param pluginJars the plugin jars this process loaded beyond its class path, which another process
 *     needs to compute the same tasks
 * @param status where an executor reports what it does (cluster executors added and lost); a stream
 *     that discards everything when the run is quiet; flushed by the executor after each line
 */
public record ExecutorSettings(int workers, boolean workersGiven, Optional<String> master, OptionalInt executorCores,
    Map<String, String> conf, TaskRunner runner, List<Path> pluginJars, PrintWriter status) {

  public ExecutorSettings {
    conf = Map.copyOf(conf);
    pluginJars = List.copyOf(pluginJars);
  }
}
