package org.nnx.codesign;

import java.util.List;
import org.nnx.block.Block;
import org.nnx.experiment.Experiment;
import org.nnx.syntax.CodesignNode;
import org.nnx.experiment.MetricRequest;
import org.nnx.optimize.Optimizer;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.param.Parameters;
import org.nnx.syntax.Location;

/**
 * A checked {@code codesign NAME { ... }} block, ready to run (see {@link CodesignSearch} for the
 * search and the README for the whole pipeline).
 *
 * @param name the block's name
 * @param title its title (the name when none is written)
 * @param samples the experiment whose trials are the trained samples
 * @param family the family of the sampled declaration
 * @param architecture the architecture level: the sampled declaration's sweeps
 * @param hardware the hardware level
 * @param holdout how many of the samples (the last in trial order) are held out of the predictor's fit
 * @param form the predictor's form
 * @param x the architecture metric the predictor reads (a measured column of {@code samples})
 * @param y the value it predicts (a measured column of {@code samples}, e.g. {@code test_accuracy})
 * @param splits how many random fit/held-out splits of the samples measure the predictor's quality
 *     ({@link PredictorSplits}; 0: none)
 * @param compare the measured columns besides {@code x} whose predictors are measured on the same
 *     splits
 * @param maxLatency the latency budget in seconds ({@code +Infinity}: none)
 * @param maxEnergy the energy budget in joules ({@code +Infinity}: none)
 * @param maxArea the area budget in square metres ({@code +Infinity}: none)
 * @param hardwareObjective what the hardware level minimizes: {@code area}, {@code energy} or
 *     {@code latency}
 * @param optimizer the optimizer of both levels
 * @param optimizerName its registered name
 * @param options its checked options
 * @param rounds the most architecture-then-hardware rounds
 * @param seed the seed networks are built with (their sampled long-range links) and the chosen
 *     design is trained with
 * @param source the block, the samples experiment and the hardware block, as written
 * @param file the file it came from
 * @param location where the block starts
 */
public record Codesign(
    String name,
    String title,
    Experiment samples,
    ArchitectureFamily family,
    DesignSpace architecture,
    HardwareSpace hardware,
    int holdout,
    Predictor.Form form,
    MetricRequest x,
    MetricRequest y,
    int splits,
    List<MetricRequest> compare,
    double maxLatency,
    double maxEnergy,
    double maxArea,
    String hardwareObjective,
    Optimizer optimizer,
    String optimizerName,
    Parameters options,
    int rounds,
    long seed,
    String source,
    String file,
    Location location) implements Block {

  @Override
  public String kind() {
    return CodesignNode.KEYWORD;
  }

  /**
   * The training settings of the samples (the same for every sample, which the resolver checks),
   * with which the chosen design is trained too; none without samples.
   */
  public Parameters training() {
    return samples.trials().isEmpty() ? new Parameters(java.util.Map.of()) : samples.trials().get(0).training();
  }

  /** The samples experiment runs first: the predictor is fitted on its results. */
  @Override
  public List<String> needs() {
    return List.of(samples.name());
  }
}
