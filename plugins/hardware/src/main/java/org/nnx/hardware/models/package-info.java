/**
 * The {@code hardware} plugin: the {@code cpu} model (analytical, or calibrated against timed
 * inferences of the reference interpreter) and the {@code crossbar} in-memory-computing model, and
 * the latency, energy and area metrics.
 */
package org.nnx.hardware.models;
