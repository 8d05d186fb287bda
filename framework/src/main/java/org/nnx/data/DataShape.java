package org.nnx.data;

import org.nnx.ir.TensorShape;

/**
 * What a data set looks like, known without loading it: used to fill in an architecture's {@code
 * inputs} and {@code classes} when they are omitted.
 *
 * @param input the shape of one example
 * @param classes the number of classes
 */
public record DataShape(TensorShape input, int classes) {}
