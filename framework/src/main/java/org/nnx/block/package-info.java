/**
 * Top-level blocks as an open set of kinds: a {@link org.nnx.block.BlockKind} checks, describes and
 * runs the blocks of its keyword; {@link org.nnx.block.BlockKinds} checks whole files in dependency
 * order; the run pipeline hands a running block a {@link org.nnx.block.RunContext} and receives a
 * {@link org.nnx.block.BlockOutcome}.
 */
package org.nnx.block;
