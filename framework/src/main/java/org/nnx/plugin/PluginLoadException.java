package org.nnx.plugin;

/** Plugins could not be loaded; the message says which and why. */
public class PluginLoadException extends Exception {

  public PluginLoadException(String message) {
    super(message);
  }
}
