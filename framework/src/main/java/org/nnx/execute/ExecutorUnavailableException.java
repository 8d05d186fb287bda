package org.nnx.execute;

/**
 * An executor cannot compute, for a reason outside nnx and outside the experiment: its cluster
 * cannot be reached, refused the application or went away. The message is one line for the user
 * and says what to check and that finished trials are kept; the command exits with status 1.
 */
public final class ExecutorUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ExecutorUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
