/**
 * Values and their types: the {@link org.nnx.param.ParamType}s options and settings are declared
 * with, checked values ({@link org.nnx.param.Parameters}), physical dimensions and units, the
 * checker that turns written values into checked ones with located errors ({@link
 * org.nnx.param.ValueChecker}), and their canonical text.
 */
package org.nnx.param;
