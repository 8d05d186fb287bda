/**
 * The {@code proxies} plugin: zero-cost proxies at initialization (NASWOT, Jacobian covariance, NTK
 * condition number, gradient norm, SNIP, SynFlow), computed on the perturbation plugin's chain of
 * layers.
 */
package org.nnx.proxies;
