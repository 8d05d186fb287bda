/**
 * The run pipeline every runnable block goes through ({@link org.nnx.run.RunPipeline}): run
 * directory, {@code experiment.nnx}, {@code run.log}, the store's run record, the reports and
 * {@code run.json}; and the framework's core plugin, which registers the built-in block kinds and
 * metrics.
 */
package org.nnx.run;
