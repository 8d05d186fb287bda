package org.nnx.report;

import java.util.Map;

/**
 * The outcome of one repeat of one trial.
 *
 * @param trial the trial's index
 * @param architecture the architecture label
 * @param repeat the repeat
 * @param seed the derived seed
 * @param parameters the architecture parameters as text, by name
 * @param values metric values by column: {@link Number}s or lists of numbers; a column whose
 *     metric failed is absent
 * @param failure what went wrong, or {@code null}
 * @param seconds wall-clock time of the trial
 */
public record TrialResult(int trial, String architecture, int repeat, long seed, Map<String, String> parameters,
    Map<String, Object> values, String failure, double seconds) {}
