package org.nnx.model;

/**
 * How well a model classifies a set of examples.
 *
 * @param accuracy the fraction of examples whose most probable class (ties to the lower index) is
 *     their label, in {@code [0, 1]}
 * @param loss the mean cross entropy {@code -ln p(label)} in nats, {@code p} clamped below at the
 *     smallest positive float
 * @param examples how many examples were evaluated
 */
public record Evaluation(double accuracy, double loss, int examples) {}
