/**
 * The {@code search NAME { ... }} block: variables with bounds, an objective and constraints
 * compiled from the language's arithmetic ({@link org.nnx.search.ExpressionCompiler}), solved by a
 * registered optimizer ({@link org.nnx.search.SearchKind}).
 */
package org.nnx.search;
