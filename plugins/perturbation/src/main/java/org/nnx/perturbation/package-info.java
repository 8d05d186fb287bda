/**
 * The {@code perturbation} plugin: networks read as chains of layers on their live state ({@link
 * org.nnx.perturbation.LocalNetwork}), the perturbation condition numbers of layers and of the loss
 * (Riedi et al., 2023), and the {@code mlp} and {@code cnn} families with plain, residual and
 * DenseNet-type skips.
 */
package org.nnx.perturbation;
