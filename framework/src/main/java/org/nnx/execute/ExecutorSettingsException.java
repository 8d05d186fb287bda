package org.nnx.execute;

/**
 * The executor options of a command line do not suit the executor, e.g. an unknown executor name
 * or a master URL it cannot use. The message is one line for the user and says what to give instead.
 */
public final class ExecutorSettingsException extends Exception {

  private static final long serialVersionUID = 1L;

  public ExecutorSettingsException(String message) {
    super(message);
  }
}
