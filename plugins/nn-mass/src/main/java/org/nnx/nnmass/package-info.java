/**
 * The {@code nn-mass} plugin: NN-Mass and NN-Density (Bhardwaj, Li and Marculescu, CVPR 2021) of
 * the cells a network records, by the authors' formulas.
 */
package org.nnx.nnmass;
