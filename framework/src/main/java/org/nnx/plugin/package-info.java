/**
 * The plugin SPI: what a plugin jar contributes ({@link org.nnx.plugin.NnxPlugin}, {@link
 * org.nnx.plugin.Registrations}) — metrics, architecture families, the trainer, inference engines —
 * what a metric sees of a trial ({@link org.nnx.plugin.TrialContext}), and the loading and indexing
 * of plugins ({@link org.nnx.plugin.PluginLoader}, {@link org.nnx.plugin.PluginRegistry}, with the
 * class digests that version their values).
 */
package org.nnx.plugin;
