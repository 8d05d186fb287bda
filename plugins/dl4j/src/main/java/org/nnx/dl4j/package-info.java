/**
 * The {@code dl4j} plugin: the IR compiled to Deeplearning4j graphs ({@link
 * org.nnx.dl4j.GraphCompiler}), the trainer with PyTorch's optimizers and initialization ({@link
 * org.nnx.dl4j.Dl4jTrainer}), the inference engine trained models classify with, the training
 * metrics and layerwise dynamical isometry.
 */
package org.nnx.dl4j;
