/**
 * The {@code codesign NAME { ... }} block, FLASH's hardware-aware search: a predictor of a trained
 * metric fitted on sampled architectures ({@link org.nnx.codesign.Predictor}), a hierarchical
 * search over the architecture and hardware spaces under budgets ({@link
 * org.nnx.codesign.CodesignSearch}), and the chosen design measured once through the result store
 * ({@link org.nnx.codesign.CodesignKind}).
 */
package org.nnx.codesign;
