package org.nnx.perturbation;

import java.util.Locale;

/**
 * How a hidden layer of an {@link MlpFamily} network connects its input to its output, and so which
 * local linear map the layer has within one activation region (Riedi, Balestriero, Baraniuk,
 * "Singular value perturbation and deep network optimization", Constructive Approximation 2023).
 * With {@code W} the layer's weights, {@code D} the diagonal matrix of activation slopes at the
 * layer's pre-activation and {@code ε} the residual scale:
 */
public enum SkipKind {
  /** Plain layer {@code h' = σ(W h + b)}: local map {@code D·W}. */
  NONE,
  /** Residual layer {@code h' = σ(W h + b) + ε h}: local map {@code D·W + ε I} (square). */
  RESIDUAL,
  /** DenseNet-type layer {@code h' = [h; σ(W h + b)]}: local map the stacked {@code [I; D·W]}. */
  DENSE;

  /** The name users write, e.g. {@code residual}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named by {@code keyword} ({@code none}, {@code residual} or {@code dense}). */
  public static SkipKind of(String keyword) {
    return valueOf(keyword.toUpperCase(Locale.ROOT));
  }
}
