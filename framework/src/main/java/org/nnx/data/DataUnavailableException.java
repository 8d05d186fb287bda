package org.nnx.data;

/** A data set cannot be loaded: missing, truncated or corrupt files. The message is for users. */
public class DataUnavailableException extends Exception {

  public DataUnavailableException(String message) {
    super(message);
  }

  public DataUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
