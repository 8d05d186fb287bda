/**
 * The result store: an embedded SQLite database of metric values under content keys, claims between
 * processes, the runs of every kind, finished searches, and trained models kept as {@code .npz}
 * files beside it within a size budget ({@link org.nnx.store.ResultStore}).
 */
package org.nnx.store;
