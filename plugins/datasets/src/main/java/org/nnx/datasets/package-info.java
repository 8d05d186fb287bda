/**
 * The {@code datasets} plugin: MNIST, Fashion-MNIST, the NN-Mass synthetic sets (bundled), the 8×8
 * digits and CIFAR-10, read from the data folders, and the fetcher that fills the cache from
 * package registries with checksums.
 */
package org.nnx.datasets;
