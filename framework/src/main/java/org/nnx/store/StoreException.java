package org.nnx.store;

/** The result store cannot be opened or used; the message says why and what to do. */
public class StoreException extends Exception {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
