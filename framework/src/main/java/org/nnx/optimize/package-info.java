/**
 * Optimization problems and the optimizer SPI: box-bounded minimization with inequality and
 * equality constraints ({@link org.nnx.optimize.OptimizationProblem}), solved by registered {@link
 * org.nnx.optimize.Optimizer}s such as SHGO.
 */
package org.nnx.optimize;
