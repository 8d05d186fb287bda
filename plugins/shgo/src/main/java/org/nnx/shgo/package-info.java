/**
 * The {@code shgo} plugin: simplicial homology global optimization (Endres, Sandrock and Focke,
 * 2018) as SciPy implements it, with its sampling, triangulation and local SLSQP-style minimizer,
 * and the random and grid searches.
 */
package org.nnx.shgo;
