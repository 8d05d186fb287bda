/**
 * The {@code architectures} plugin: the NN-Mass authors' DenseNet-type MLPs and CNNs ({@code
 * dense_mlp}, {@code dense_cnn}, {@code cells}) and torchvision's ResNet, Wide ResNet, ResNeXt and
 * MobileNet-v2, built as IR networks with their cell topology.
 */
package org.nnx.architectures;
