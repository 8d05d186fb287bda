package org.nnx.cli;

/**
 * An option's value that cannot be used (a folder that does not exist): the user's input, reported
 * by {@link Main} as one line with exit status 2.
 */
final class BadOptionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and what to do, without a trailing period */
  BadOptionException(String message) {
    super(message);
  }
}
