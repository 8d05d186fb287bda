package org.nnx.search;

/**
 * A constraint of a search in the optimizer's standard form: {@code g(x) >= 0} for an inequality,
 * {@code g(x) == 0} for an equality.
 *
 * @param text the constraint as written (canonical), e.g. {@code -(x0 + x1 - 6) >= 0}
 * @param g {@code left - right} for {@code >=} and {@code ==}, {@code right - left} for {@code <=}
 * @param equality whether it is an equality
 */
public record SearchConstraint(String text, Expression g, boolean equality) {}
