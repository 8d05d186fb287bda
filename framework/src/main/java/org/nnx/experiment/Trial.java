package org.nnx.experiment;

import java.util.Map;
import org.nnx.param.Parameters;
import org.nnx.plugin.ArchitectureFamily;

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
 */
public record Trial(int index, String architecture, ArchitectureFamily family, Parameters parameters,
    Map<String, String> parameterText, Parameters training, Map<String, String> trainingText) {

  /** Every column value of the trial besides metrics: the parameters, then the swept training settings. */
  public Map<String, String> columnText() {
    Map<String, String> all = new java.util.LinkedHashMap<>(parameterText);
    all.putAll(trainingText);
    return all;
  }
}
