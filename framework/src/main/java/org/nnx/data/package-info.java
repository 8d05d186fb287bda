/**
 * Data sets as plugins see them: {@link org.nnx.data.DatasetProvider}s load labelled {@link
 * org.nnx.data.Dataset}s from the data folders ({@link org.nnx.data.DataLocations}) and say what is
 * missing when they cannot.
 */
package org.nnx.data;
