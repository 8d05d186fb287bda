/**
 * Networks with weights as values: {@link org.nnx.model.NetworkWeights} (every parameter tensor in
 * PyTorch's layouts), the one initialization ({@link org.nnx.model.InitialWeights}, {@link
 * org.nnx.model.TorchDefaultInit}, {@link org.nnx.model.Seeds}), the one reference interpreter of
 * the IR ({@link org.nnx.model.Interpreter}, forward pass and input gradient), trained models and
 * training runs ({@link org.nnx.model.TrainedModel}, {@link org.nnx.model.TrainingRun}), the
 * inference SPI, and NumPy's {@code .npy} format.
 */
package org.nnx.model;
