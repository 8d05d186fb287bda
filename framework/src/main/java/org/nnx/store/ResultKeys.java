package org.nnx.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.MetricRequest;
import org.nnx.experiment.ParameterText;
import org.nnx.experiment.Trial;
import org.nnx.plugin.Metric;
import org.nnx.plugin.Requirement;

/**
 * Content keys of stored results: SHA-256 over everything a value depends on — the architecture's
 * family and resolved parameters, the data set, the training settings (for metrics of trained
 * models), the trial repeat's seed, the metric with its options, and the version of the plugin
 * that computes it. The experiment's name and the trial's position play no part, so an extended
 * or renamed experiment reuses what it can.
 */
public final class ResultKeys {

  private final Experiment experiment;
  private final Function<Metric, String> versions;

  /**
   * @param versions the version of the plugin behind each metric
   */
  public ResultKeys(Experiment experiment, Function<Metric, String> versions) {
    this.experiment = experiment;
    this.versions = versions;
  }

  /** The key of a trial repeat as a whole: what a process claims while it computes it. */
  public String trial(Trial trial, int repeat) {
    return sha256("nnx-trial-1\n" + trialText(trial, repeat));
  }

  /** The key of one metric's values for a trial repeat. */
  public String metric(Trial trial, int repeat, MetricRequest request) {
    Metric m = request.metric();
    String training = m.requirements().contains(Requirement.TRAINED_MODEL)
        ? ParameterText.value(experiment.training(), ", ") : "";
    String data = m.requirements().contains(Requirement.ARCHITECTURE) && m.requirements().size() == 1
        ? "" : experiment.data().map(d -> d.text() + ParameterText.value(d.options(), ", ")).orElse("");
    return sha256("nnx-result-1\n" + trialText(trial, repeat) + "\ndata " + data + "\ntrain " + training
        + "\nmetric " + request.column() + " " + m.name() + ParameterText.value(request.options(), ", ")
        + "\nversion " + versions.apply(m));
  }

  private String trialText(Trial trial, int repeat) {
    return "family " + trial.family().name() + "\nparameters " + ParameterText.value(trial.parameters(), ", ")
        + "\nseed " + experiment.trialSeed(trial.index(), repeat);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
