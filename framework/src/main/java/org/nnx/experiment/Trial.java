package org.nnx.experiment;

import java.util.Map;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.Parameters;

/**
 * One point of an experiment's sweep: an architecture declaration with concrete parameters.
 * Repeats of a trial share it and differ only in their seed.
 *
 * @param index position in trial order, from 0
 * @param architecture the declaration's label
 * @param family the family that builds it
 * @param parameters checked parameters, defaults filled in
 * @param parameterText each parameter's value as results tables show it (lists as {@code 10;20;40})
 */
public record Trial(int index, String architecture, ArchitectureFamily family, Parameters parameters,
    Map<String, String> parameterText) {}
