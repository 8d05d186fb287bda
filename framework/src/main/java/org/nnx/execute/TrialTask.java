package org.nnx.execute;

import java.io.Serializable;
import java.util.List;
import org.nnx.model.TrainingRun;

/**
 * One trial repeat to compute, described by values alone so that it can travel to another process:
 * the source of its experiment (which the worker checks again with its own plugins), which trial and
 * repeat, the metric columns still missing from the result store, and where the worker finds
 * plugins and data. No injected object travels.
 *
 * @param file the path of the experiment's file, as the user named it (for messages)
 * @param source the experiment as it runs, with every block it names ({@code experiment.nnx})
 * @param experiment the experiment's name
 * @param trial the trial's index in the experiment
 * @param repeat the repeat
 * @param seed the trial repeat's seed, which the worker checks against its own resolution
 * @param columns the metric columns to compute, in {@code measure} order
 * @param pluginJars absolute paths of the plugin jars beyond the class path
 * @param dataPath the folders data sets are looked for in, in order
 * @param dataCache the data cache folder
 * @param training a training run of exactly this trial repeat found in the result store, or {@code null}
 * @param train whether to train (or take {@code training}) even when no metric needs the trained
 *     model, so that its weights come back to be saved
 * @param cost a relative estimate of the work (for balancing batches), 0 when unknown
 */
public record TrialTask(String file, String source, String experiment, int trial, int repeat, long seed,
    List<String> columns, List<String> pluginJars, List<String> dataPath, String dataCache, TrainingRun training,
    boolean train, double cost) implements Serializable {

  private static final long serialVersionUID = 1L;

  public TrialTask {
    columns = List.copyOf(columns);
    pluginJars = List.copyOf(pluginJars);
    dataPath = List.copyOf(dataPath);
  }

  /** How the task is named in messages, e.g. {@code trial 3 repeat 1 of zoo}. */
  public String label() {
    return "trial " + trial + " repeat " + repeat + " of " + experiment;
  }
}
