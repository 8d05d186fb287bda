/**
 * The {@code nn-degree} plugin: NN-Degree, the average degree of a network's cells as FLASH (Li,
 * Bhardwaj and Marculescu, ACM TECS 2021) defines it.
 */
package org.nnx.nndegree;
