/**
 * Networks written in the language: {@code network NAME(params) { ... }} families, which
 * experiments use like built-in ones ({@link org.nnx.network.NetworkFamily}), and {@code block
 * NAME(params) { ... }} parts of them ({@link org.nnx.network.BlockDefinition}). A family builds
 * its IR by running its definition with concrete parameters, inferring every shape and reporting
 * every mistake at its place in the file.
 */
package org.nnx.network;
