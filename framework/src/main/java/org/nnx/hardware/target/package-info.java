/**
 * The {@code hardware NAME { kind = KIND, ... }} block: a checked target ({@link
 * org.nnx.hardware.target.HardwareTarget}) that metrics and codesigns name, with its cost model
 * built once on first use.
 */
package org.nnx.hardware.target;
