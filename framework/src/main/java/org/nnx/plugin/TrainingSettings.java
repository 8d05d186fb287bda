package org.nnx.plugin;

import java.util.List;

/**
 * The settings a trainer plugin accepts in an experiment's {@code train { key = value ... }}
 * block. At most one trainer is installed; it binds its settings with {@link
 * Registrations#training}. The framework checks the block against these specs and hands the
 * result to metrics through {@link TrialContext#training()}.
 */
public interface TrainingSettings {

  /** The settings, with their types, ranges and defaults. */
  List<ParameterSpec> parameters();
}
