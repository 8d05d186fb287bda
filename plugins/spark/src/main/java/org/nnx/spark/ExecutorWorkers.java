package org.nnx.spark;

import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.nnx.execute.TaskRunner;
import org.nnx.experiment.TrialWorker;
import org.nnx.plugin.PluginLoadException;
import org.nnx.plugin.PluginLoader;

/**
 * The {@link TrialWorker} of an executor process, one per set of plugin jars: built from the class
 * path's plugins and the task's plugin jars, as {@code nnx run --plugins DIR} builds the driver's.
 * The jars are the copies Spark shipped with the application ({@link SparkFiles}), always, even
 * where the driver's path is visible, so that every executor loads the very bytes the driver did.
 *
 * <p>Static because a Spark executor is a process nnx does not start: nothing injects into it, and a
 * worker (its plugins and loaded data sets) must outlive the task that made it, or every task would
 * load the plugins and read its data set again.
 */
final class ExecutorWorkers {

  private static final Map<List<String>, TaskRunner> WORKERS = new ConcurrentHashMap<>();

  private ExecutorWorkers() {}

  /** The worker for tasks naming {@code pluginJars}, built on first use. */
  static TaskRunner forJars(List<String> pluginJars) {
    return WORKERS.computeIfAbsent(List.copyOf(pluginJars), jars -> {
      List<Path> here = new ArrayList<>();
      for (String jar : jars) {
        here.add(Path.of(SparkFiles.get(Path.of(jar).getFileName().toString())));
      }
      try {
        Injector injector = PluginLoader.loadJars(here);
        return injector.getInstance(TrialWorker.class);
      } catch (PluginLoadException e) {
        throw new IllegalStateException("the plugins do not load on this executor: " + e.getMessage(), e);
      }
    });
  }
}
