/**
 * The hardware SPI: a {@link org.nnx.hardware.HardwareModel} kind configures, from a block's
 * settings, a {@link org.nnx.hardware.CostModel} that estimates the latency, energy and area of one
 * inference ({@link org.nnx.hardware.Cost}).
 */
package org.nnx.hardware;
