package org.nnx.syntax;

import java.util.List;

/**
 * A parsed {@code .nnx} file.
 *
 * @param path the path as the user named it
 * @param text the full source text
 * @param experiments the experiment blocks, in order
 */
public record SourceFile(String path, String text, List<ExperimentNode> experiments) {}
