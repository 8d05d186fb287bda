/**
 * Weights that outlive a run: folders of {@code .npy} arrays in PyTorch's layouts with an {@code
 * index.json} ({@link org.nnx.weights.WeightFolder}, what {@code train { save_weights = true }}
 * writes), and the {@code weights} / {@code init} clauses of architecture declarations that load
 * them ({@link org.nnx.weights.WeightsResolver} checks a clause against a trial's network, {@link
 * org.nnx.weights.WeightsSource} loads the checked files when the trial runs).
 */
package org.nnx.weights;
