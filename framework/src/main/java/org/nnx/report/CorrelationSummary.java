package org.nnx.report;

/**
 * Rank and linear correlations of one pair of variables, each with a bootstrap confidence interval.
 *
 * @param kendallTau Kendall's τ_b, in [−1, 1]
 * @param spearmanRho Spearman's ρ (ties get their average rank), in [−1, 1]
 * @param pearsonR Pearson's product-moment r, in [−1, 1]
 * @param n the number of (x, y) pairs
 * @param resamples the bootstrap resamples drawn
 * @param confidence the intervals' nominal coverage, e.g. 0.95
 */
public record CorrelationSummary(Estimate kendallTau, Estimate spearmanRho, Estimate pearsonR, int n, int resamples,
    double confidence) {}
