package org.nnx.plugin;

/** What a metric needs from a trial before it can compute. */
public enum Requirement {
  /** Only the architecture (its intermediate representation). */
  ARCHITECTURE,
  /** Samples of the experiment's data set, e.g. for measurements at initialization. */
  DATA,
  /** A model trained with the experiment's {@code train} settings. */
  TRAINED_MODEL
}
