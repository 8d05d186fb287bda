/**
 * The framework's own metrics: {@code params} and {@code flops}, counted from the IR by its
 * conventions ({@link org.nnx.ir.Op}).
 */
package org.nnx.metrics;
