/**
 * The intermediate representation of networks: a directed acyclic graph of {@link org.nnx.ir.Node}s
 * whose {@link org.nnx.ir.Op}s every back end interprets through {@link org.nnx.ir.Op.Visitor},
 * shapes inferred as nodes are added, and the cell topology the NN-Mass family of metrics reads.
 */
package org.nnx.ir;
