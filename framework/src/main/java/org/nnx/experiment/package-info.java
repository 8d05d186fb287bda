/**
 * The {@code experiment NAME { ... }} block: its checking (architectures and training settings with
 * their sweeps, metrics, reports), its trials, and its run ({@link
 * org.nnx.experiment.ExperimentKind}): the runner that reuses stored values, claims and dispatches
 * trial repeats to the executor and commits their outcomes, and the worker that computes a trial
 * task in any process ({@link org.nnx.experiment.TrialWorker}).
 */
package org.nnx.experiment;
