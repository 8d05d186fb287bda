package org.nnx.syntax;

/**
 * One entry of an {@code architectures} block: {@code label: family(arguments)}.
 *
 * @param location where the label is
 * @param label the label, unique in its experiment
 * @param family the family call
 */
public record ArchitectureNode(Location location, String label, CallNode family) {}
