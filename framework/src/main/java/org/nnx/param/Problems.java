package org.nnx.param;

/**
 * Collects problems a plugin finds in parameter values that each passed their type check but do
 * not fit together (e.g. a per-cell list whose length differs from the number of cells). The
 * framework reports each at the location of the named parameter.
 */
public interface Problems {

  /**
   * Reports an error.
   *
   * @param parameter the parameter whose value is at fault
   * @param message what is wrong, without a trailing period
   * @param hint how to fix it, or {@code null}
   */
  void error(String parameter, String message, String hint);

  /**
   * Reports an error at a place of the user's files other than a parameter (e.g. a statement of a
   * network written in the language). Without a way to locate it, it is reported like {@link
   * #error} for no parameter.
   *
   * @param at where the error is
   * @param message what is wrong, without a trailing period
   * @param hint how to fix it, or {@code null}
   */
  default void errorAt(org.nnx.syntax.Location at, String message, String hint) {
    error(null, message, hint);
  }
}
