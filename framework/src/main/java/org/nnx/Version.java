package org.nnx;

/** The framework's version, recorded in every run directory. */
public final class Version {

  /** The version of nnx itself. */
  public static final String NNX = "0.1.0";

  private Version() {}
}
