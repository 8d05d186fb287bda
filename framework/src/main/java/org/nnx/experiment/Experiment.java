package org.nnx.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nnx.block.Block;
import org.nnx.report.ReportRequest;
import org.nnx.syntax.ExperimentNode;
import org.nnx.param.ParameterText;
import org.nnx.param.Parameters;
import org.nnx.syntax.Location;

/**
 * A checked experiment, ready to run.
 *
 * @param name the experiment's name
 * @param title its title (the name when none is written)
 * @param seed the experiment seed (default 0)
 * @param repeats how many times each trial runs, with different seeds (default 1)
 * @param data the data set, if any
 * @param trials every trial, in trial order
 * @param metrics the metrics, in {@code measure} order
 * @param reports the report elements, in order
 * @param parameterColumns every architecture parameter name, in order of first declaration
 * @param trainingColumns the path of every swept training setting, in written order, then the column
 *     of every swept measurement option (see {@link Trial#measureText()})
 * @param saveWeights whether each trial repeat's trained weights are written into the run
 *     directory ({@code train { save_weights = true }})
 * @param source the experiment as it runs, as {@code .nnx} text (overrides applied), preceded by
 *     every block it names
 * @param file the path of the file it came from, as the user named it
 * @param location where the block starts
 * @param memory the largest heap a trial repeat needs, estimated from its network, when the
 *     experiment builds networks in memory (it reads data)
 */
public record Experiment(
    String name,
    String title,
    long seed,
    int repeats,
    Optional<DataRequest> data,
    List<Trial> trials,
    List<MetricRequest> metrics,
    List<ReportRequest> reports,
    List<String> parameterColumns,
    List<String> trainingColumns,
    boolean saveWeights,
    String source,
    String file,
    Location location,
    Optional<MemoryNeed> memory) implements Block {

  /** The standard leading columns of every results table. */
  public static final List<String> KEY_COLUMNS = List.of("trial", "architecture", "repeat", "seed");

  @Override
  public String kind() {
    return ExperimentNode.KEYWORD;
  }

  /** Every results column in order: key columns, parameters, swept training settings, then each metric's columns. */
  public List<String> columns() {
    List<String> all = new ArrayList<>(KEY_COLUMNS);
    all.addAll(parameterColumns);
    all.addAll(trainingColumns);
    all.addAll(metricColumns());
    return all;
  }

  /**
   * The measurements of one trial: the experiment's, each with the trial's own options where the
   * file sweeps them.
   */
  public List<MetricRequest> metrics(Trial trial) {
    if (trial.measureOptions().isEmpty()) {
      return metrics;
    }
    List<MetricRequest> out = new ArrayList<>();
    for (MetricRequest m : metrics) {
      Parameters options = trial.measureOptions().get(m.column());
      out.add(options == null ? m : new MetricRequest(m.column(), m.metric(), options, m.location(), m.label()));
    }
    return out;
  }

  /** The metric columns: each metric's main column followed by its extra columns. */
  public List<String> metricColumns() {
    List<String> all = new ArrayList<>();
    for (MetricRequest m : metrics) {
      all.addAll(m.columns());
    }
    return all;
  }

  /** The parameter and swept-training columns, in results order. */
  public List<String> settingColumns() {
    List<String> all = new ArrayList<>(parameterColumns);
    all.addAll(trainingColumns);
    return all;
  }

  /**
   * The seed of a trial's repeat: a SplitMix64 hash of the experiment seed, the trial's {@link
   * Trial#identity identity} (what it is: family, resolved parameters, training, weights and the
   * data set, never its position in the sweep) and the repeat. So every trial has its own
   * reproducible stream whatever order trials run in; reordering or extending a sweep keeps each
   * trial's seed, and with it every stored value; trials that differ only in swept measurement
   * options share theirs.
   *
   * @param trialIndex a trial of this experiment; another index (a design outside the sweep)
   *     takes the index itself as its identity
   */
  public long trialSeed(int trialIndex, int repeat) {
    long identity = trialIndex >= 0 && trialIndex < trials.size()
        ? trials.get(trialIndex).identity(data.map(d -> d.text() + ParameterText.value(d.options(), ", ")).orElse(""))
        : trialIndex;
    long z = seed * 0x9E3779B97F4A7C15L + (identity + 1L) * 0xBF58476D1CE4E5B9L + (repeat + 1L) * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }
}
