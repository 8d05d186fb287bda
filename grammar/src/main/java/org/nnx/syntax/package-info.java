/**
 * The typed syntax tree of the {@code .nnx} language and its parser: {@link
 * org.nnx.syntax.SourceParser} turns text into a {@link org.nnx.syntax.SourceFile} of {@link
 * org.nnx.syntax.BlockNode}s (one node type per block kind of the ANTLR grammar {@code Nnx.g4}),
 * reporting every syntax error as a located {@link org.nnx.syntax.Diagnostic}; {@link
 * org.nnx.syntax.DiagnosticCollector} and {@link org.nnx.syntax.UserInputException} carry the
 * errors of later checks the same way.
 */
package org.nnx.syntax;
