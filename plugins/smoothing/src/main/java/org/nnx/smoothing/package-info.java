/**
 * Certified robustness to adversarial patches by (de)randomized smoothing (Levine and Feizi,
 * "(De)Randomized Smoothing for Certifiable Defense against Patch Attacks", NeurIPS 2020,
 * arXiv:2002.10733): the (x, 1 − x) encoding, column, row and block {@link
 * org.nnx.smoothing.Ablation}s, training on ablated inputs ({@code train { ablation = ... }}) and
 * the exhaustive certificate {@code patch_certificate}.
 */
package org.nnx.smoothing;
