/**
 * The nnx framework: the version of the build ({@link org.nnx.Version}); every concept lives in its
 * own sub-package, named by its domain.
 */
package org.nnx;
