package org.nnx.cli;

import picocli.CommandLine;

/** Prints the nnx and Java versions for {@code nnx --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"nnx " + org.nnx.Version.NNX + " (Java " + System.getProperty("java.version") + ")"};
  }
}
