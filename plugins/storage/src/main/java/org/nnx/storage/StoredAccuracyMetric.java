package org.nnx.storage;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.nnx.data.DataShape;
import org.nnx.data.Dataset;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Seeds;
import org.nnx.model.TrainedModel;
import org.nnx.param.Combined;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;

/**
 * {@code stored_accuracy(channel, code, draws = 30, samples = 0)}: the test accuracy of the trial's
 * trained (or loaded) network after its weights were written once through {@code code} into cells
 * of {@code channel} and read back (Isik et al., ACM TECS 2023). Each draw stores every weight anew
 * (its random numbers from the trial seed and the draw's index, so the same file gives the same
 * numbers) and evaluates the first {@code samples} test examples (all when 0) with the read-back
 * weights written into the compiled network's parameter arrays (the network is compiled once).
 *
 * <p>Columns: {@code stored_accuracy} (mean over draws), {@code stored_accuracy_sd} (sample standard
 * deviation over draws, 0 for one draw), {@code cells} (cells for all stored weights), {@code
 * cells_per_weight}, {@code weight_error_rms} (root mean square of read minus written weight over all
 * stored weights and draws). What is stored is described in {@link CodePlan}.
 */
public final class StoredAccuracyMetric implements Metric {

  /** The metric's name. */
  public static final String NAME = "stored_accuracy";

  /** The purpose of the storage draws' seeds ({@link Seeds#derive}). */
  static final long DRAWS = 101;

  private final Map<String, StorageChannel> channels = new LinkedHashMap<>();
  private final Map<String, WeightCode> codes = new LinkedHashMap<>();
  private final List<ParameterSpec> parameters;

  @Inject
  StoredAccuracyMetric(Set<StorageChannel> channels, Set<WeightCode> codes) {
    channels.stream().sorted(java.util.Comparator.comparing(StorageChannel::name))
        .forEach(c -> this.channels.put(c.name(), c));
    codes.stream().sorted(java.util.Comparator.comparing(WeightCode::name)).forEach(c -> this.codes.put(c.name(), c));
    List<ParamType.RecordOf> channelTypes = new ArrayList<>();
    this.channels.values().forEach(c -> channelTypes.add(new ParamType.RecordOf(c.name(), c.parameters())));
    List<ParamType.RecordOf> codeTypes = new ArrayList<>();
    this.codes.values().forEach(c -> codeTypes.add(new ParamType.RecordOf(c.name(), c.parameters())));
    this.parameters = List.of(
        ParameterSpec.required("channel", new ParamType.Variant(channelTypes),
            "the storage cells: " + String.join(", ", this.channels.keySet())),
        ParameterSpec.required("code", new ParamType.Combination(new ParamType.Variant(codeTypes)),
            "how weights become cells, parts joined by +: " + String.join(", ", this.codes.keySet())),
        ParameterSpec.optional("size", new ParamType.Int(0, 64, List.of()), 0L,
            "the code's size: copies of each value cell, the digits of split, or digital's bits per weight;"
                + " 0 = as the code says"),
        ParameterSpec.optional("draws", new ParamType.Int(1, 100_000, List.of()), 30L,
            "independent writes and reads of all weights, each evaluated; >= 1"),
        ParameterSpec.optional("samples", new ParamType.Int(0, Integer.MAX_VALUE, List.of()), 0L,
            "test examples evaluated, the first ones; 0 = all"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test accuracy after the weights were stored on noisy analog cells through a code (Isik et al., ACM TECS"
        + " 2023): stored_accuracy, stored_accuracy_sd, cells, cells_per_weight, weight_error_rms";
  }

  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.TRAINED_MODEL);
  }

  @Override
  public List<ParameterSpec> parameters() {
    return parameters;
  }

  @Override
  public List<String> extraColumns() {
    return List.of("stored_accuracy_sd", "cells", "cells_per_weight", "weight_error_rms");
  }

  /** The code of these options, assembled and checked. */
  CodePlan plan(Parameters options) {
    CodePlan plan = new CodePlan();
    for (Parameters part : ((Combined) options.get("code")).parts()) {
      codes.get(part.recordName().orElseThrow()).configure(part, plan);
    }
    plan.check();
    if (options.getLong("size") > 0) {
      plan.size((int) options.getLong("size"));
    }
    return plan;
  }

  private StorageChannel channel(Parameters options) {
    return channels.get(options.getRecord("channel").recordName().orElseThrow());
  }

  @Override
  public void validate(Parameters options, Optional<DataShape> data, Problems problems) {
    Parameters channelOptions = options.getRecord("channel");
    StorageChannel channel = channel(options);
    channel.validate(channelOptions, (parameter, message, hint) -> problems.error("channel", message, hint));
    for (Parameters part : ((Combined) options.get("code")).parts()) {
      codes.get(part.recordName().orElseThrow()).validate(part,
          (parameter, message, hint) -> problems.error("code", message, hint));
    }
    CodePlan plan;
    try {
      plan = plan(options);
    } catch (IllegalArgumentException e) {
      problems.error(e.getMessage().startsWith("size") ? "size" : "code", e.getMessage(), "a code has at most one range (naive or adaptive), one sign, one cell"
          + " coding (split), one repeat; digital stands alone");
      return;
    }
    int levels = channel.cells(channelOptions).levels();
    if (plan.usesChannel() && levels > 0 && plan.levelsNeeded() > levels) {
      problems.error("code", "the code writes " + plan.levelsNeeded() + " levels per cell, but " + channel.name()
          + " cells have " + levels, "use fewer levels per cell (split(cells = k, levels = " + levels
          + ")) or a channel with more levels");
    }
  }

  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    CodePlan plan = plan(options);
    CellModel cells = channel(options).cells(options.getRecord("channel"));
    int draws = (int) options.getLong("draws");
    Dataset data = trial.data();
    long samples = options.getLong("samples");
    int n = samples == 0 ? data.test().size() : (int) Math.min(samples, data.test().size());
    TrainedModel model = trial.trainedModel();
    NetworkWeights written = model.weights();
    long values = CodePlan.storedValues(written);
    long seed = Seeds.derive(trial.seed(), DRAWS);
    double[] accuracy = new double[draws];
    double[] error = new double[1];
    // a code that does not use the channel (digital) stores every draw alike: evaluated once
    int distinct = plan.usesChannel() ? draws : 1;
    try (TrainedModel stored = model.withWeights(written)) {
      for (int d = 0; d < distinct; d++) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, d));
        stored.load(plan.store(written, cells, random, error));
        accuracy[d] = stored.evaluate(data.test(), data.inputShape(), n).accuracy();
      }
    }
    if (distinct < draws) {
      java.util.Arrays.fill(accuracy, 1, draws, accuracy[0]);
      error[0] *= draws;
    }
    double mean = 0;
    for (double a : accuracy) {
      mean += a;
    }
    mean = distinct == 1 ? accuracy[0] : mean / draws;
    double squares = 0;
    for (double a : accuracy) {
      squares += (a - mean) * (a - mean);
    }
    long cellCount = plan.cells(values);
    return new MetricResult()
        .with(NAME, mean)
        .with("stored_accuracy_sd", draws > 1 && distinct > 1 ? Math.sqrt(squares / (draws - 1)) : 0.0)
        .with("cells", cellCount)
        .with("cells_per_weight", (double) cellCount / values)
        .with("weight_error_rms", Math.sqrt(error[0] / ((double) values * draws)));
  }
}
