package org.nnx.experiment;

import java.util.Map;
import java.util.Optional;
import org.nnx.param.Parameters;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.TrialInputs;
import org.nnx.weights.WeightsSource;

/**
 * One point of an experiment's sweep: an architecture declaration with concrete parameters, and
 * the training settings it is trained with. Repeats of a trial share it and differ only in their
 * seed.
 *
 * @param index position in trial order, from 0
 * @param architecture the declaration's label
 * @param family the family that builds it
 * @param parameters checked parameters, defaults filled in
 * @param parameterText each parameter's value as results tables show it (lists as {@code 10;20;40})
 * @param training the checked {@code train} settings of this trial, defaults filled in
 * @param trainingText the value of each swept training setting, by its path (e.g. {@code optimizer.lr})
 * @param weights the weights the declaration loads ({@code weights W} or {@code init W}), if any
 * @param inputSettings the checked values of the {@code train} settings that plugins' {@link
 *     org.nnx.plugin.TrainingInput}s handle, by name (e.g. {@code ablation})
 * @param inputs how the data reach the network under those settings
 * @param measureOptions the options of each measurement whose options are swept ({@code
 *     stored_accuracy(code = {naive, sign})}), by the measurement's {@link MetricRequest#column()};
 *     the others measure with the experiment's options
 * @param measureText the value of each swept measurement option, by its column (e.g. {@code code})
 * @param seedIndex its own index, or that of the first trial of the same architecture and training
 *     when only measurement options differ: such trials share their seeds (their {@link #identity}
 *     is the same), one trained model and the same initial weights, and the runner trains it once
 */
public record Trial(int index, String architecture, ArchitectureFamily family, Parameters parameters,
    Map<String, String> parameterText, Parameters training, Map<String, String> trainingText,
    Optional<WeightsSource> weights, Parameters inputSettings, TrialInputs inputs,
    Map<String, Parameters> measureOptions, Map<String, String> measureText, int seedIndex) {

  /** A trial whose measurements all take the experiment's options. */
  public Trial(int index, String architecture, ArchitectureFamily family, Parameters parameters,
      Map<String, String> parameterText, Parameters training, Map<String, String> trainingText,
      Optional<WeightsSource> weights, Parameters inputSettings, TrialInputs inputs) {
    this(index, architecture, family, parameters, parameterText, training, trainingText, weights, inputSettings,
        inputs, Map.of(), Map.of(), index);
  }

  /** A trial that loads no weights and takes the data as they are. */
  public Trial(int index, String architecture, ArchitectureFamily family, Parameters parameters,
      Map<String, String> parameterText, Parameters training, Map<String, String> trainingText) {
    this(index, architecture, family, parameters, parameterText, training, trainingText, Optional.empty(),
        new Parameters(Map.of()), TrialInputs.NONE);
  }

  /**
   * What the trial is, as a 64-bit hash for its seeds ({@link Experiment#trialSeed}): the family
   * (and, for a network written in a file, its text), the resolved parameters, the training and
   * input settings, the weights it loads and the data set. Not its position, label or swept
   * measurement options: a trial keeps its seeds when a sweep is reordered or extended, and trials
   * that differ only in how they are measured share them.
   *
   * @param data the experiment's data set as text with its options, or {@code ""}
   */
  public long identity(String data) {
    String text = "family " + family.name()
        + (family instanceof org.nnx.block.Block written ? "\ndefinition " + written.source() : "")
        + "\nparameters " + org.nnx.param.ParameterText.value(parameters, ", ")
        + "\ntrain " + org.nnx.param.ParameterText.value(training, ", ")
        + "\ninputs " + org.nnx.param.ParameterText.value(inputSettings, ", ")
        + weights.map(w -> "\nweights " + (w.init() ? "init " : "as trained ") + w.digest()).orElse("")
        + "\ndata " + data;
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.nio.ByteBuffer.wrap(h).getLong();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Whether the trial's trained model is its loaded weights, as they are (no training). */
  public boolean usesLoadedWeights() {
    return weights.isPresent() && !weights.get().init();
  }

  /**
   * Every column value of the trial besides metrics: the parameters, the swept training settings,
   * then the swept measurement options.
   */
  public Map<String, String> columnText() {
    Map<String, String> all = new java.util.LinkedHashMap<>(parameterText);
    all.putAll(trainingText);
    all.putAll(measureText);
    return all;
  }
}
