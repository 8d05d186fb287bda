package org.nnx.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.nnx.block.Block;
import org.nnx.param.ParameterText;
import org.nnx.plugin.Metric;
import org.nnx.plugin.PluginRegistry;
import org.nnx.plugin.Requirement;

/**
 * Content keys of stored results: SHA-256 over everything a value depends on, and nothing else.
 *
 * <ul>
 *   <li>a trial repeat: the family, the version of its plugin (declared version and class digest,
 *       {@link PluginRegistry#versionOf}), for a network written in a file its text with the blocks
 *       it uses, the framework's {@link PluginRegistry#frameworkVersion()}, the digest of the
 *       weights it loads,
 *       the resolved parameters and the repeat's seed;
 *   <li>a training: the trial repeat, the data set with its options and its provider's version, the
 *       trial's training settings and the trainer's version;
 *   <li>a metric's values: the trial repeat, the data set when the metric reads data, the training
 *       when it reads the trained model, and the metric with its options and its plugin's version.
 * </ul>
 *
 * The experiment's name and the trial's position play no part, so an extended or renamed
 * experiment reuses what it can; any change to the code that computes a value changes its key.
 */
public final class ResultKeys {

  private final java.util.Optional<DataRequest> data;
  private final PluginRegistry registry;

  /**
   * @param data the data set of the trials
   * @param registry gives the version of the plugin behind each component
   */
  public ResultKeys(java.util.Optional<DataRequest> data, PluginRegistry registry) {
    this.data = data;
    this.registry = registry;
  }

  /** The key of a trial repeat (the trial with the repeat's seed) as a whole: what a process claims while it computes it. */
  public String trial(Trial trial, long seed) {
    // trials that differ only in swept measurement options share a seed, not a claim
    return sha256("nnx-trial-2\n" + trialText(trial, seed)
        + (trial.measureText().isEmpty() ? "" : "\nmeasures " + trial.measureText()));
  }

  /** The key of the training of a trial repeat: its trained weights are kept under it. */
  public String training(Trial trial, long seed) {
    return sha256("nnx-training-2\n" + trainingText(trial, seed));
  }

  /** The key of one metric's values for a trial repeat. */
  public String metric(Trial trial, long seed, MetricRequest request) {
    Metric m = request.metric();
    String base;
    if (m.requirements().contains(Requirement.TRAINED_MODEL)) {
      base = trainingText(trial, seed);
    } else if (m.requirements().contains(Requirement.DATA)) {
      base = trialText(trial, seed) + "\n" + dataText();
    } else {
      base = trialText(trial, seed);
    }
    return sha256("nnx-result-2\n" + base + "\nmetric " + request.column() + " " + m.name()
        + ParameterText.value(request.options(), ", ") + "\nversion " + registry.versionOf(m));
  }

  private String trialText(Trial trial, long seed) {
    String definition = trial.family() instanceof Block written ? "\ndefinition " + sha256(written.source()) : "";
    return "family " + trial.family().name() + " " + registry.versionOf(trial.family()) + definition
        + "\nframework " + registry.frameworkVersion()
        + "\nparameters " + ParameterText.value(trial.parameters(), ", ")
        + "\nseed " + seed
        + trial.weights().map(w -> "\nweights " + (w.init() ? "init " : "as trained ") + w.digest()).orElse("");
  }

  private String dataText() {
    return "data " + data.map(d -> d.text() + ParameterText.value(d.options(), ", ") + " "
        + registry.versionOf(d.provider())).orElse("");
  }

  private String trainingText(Trial trial, long seed) {
    StringBuilder inputs = new StringBuilder();
    trial.inputSettings().asMap().forEach((name, value) -> inputs.append("\ninput ").append(name).append(" = ")
        .append(ParameterText.value(value, ", ")).append(' ').append(
            registry.versionOf(registry.trainingInputs().get(name))));
    return trialText(trial, seed) + "\n" + dataText() + "\ntrain " + ParameterText.value(trial.training(), ", ")
        + " " + registry.trainer().map(registry::versionOf).orElse("none") + inputs;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
