package org.nnx.cli;

import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnx.block.BlockKinds;
import org.nnx.plugin.PluginLoadException;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import picocli.CommandLine.Option;

/** The {@code --plugins DIR} option shared by every command that needs plugins. */
final class PluginOptions {

  @Option(names = "--plugins", paramLabel = "DIR",
      description = "Folder of plugin jars to load besides the built-in ones (default: ~/.nnx/plugins).")
  Path pluginDir;

  private Injector injector;

  /** Loads every plugin (once). */
  Injector injector() throws PluginLoadException {
    if (injector == null) {
      if (pluginDir != null && !java.nio.file.Files.isDirectory(pluginDir)) {
        throw new BadOptionException("--plugins " + pluginDir + ": no such folder (give a folder of plugin jars)");
      }
      List<Path> dirs = new ArrayList<>();
      dirs.add(pluginDir != null ? pluginDir : PluginLoader.defaultPluginDir());
      injector = PluginLoader.load(dirs);
      try {
        injector.getInstance(PluginRegistry.class);
        injector.getInstance(BlockKinds.class);
      } catch (com.google.inject.ProvisionException | com.google.inject.ConfigurationException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new PluginLoadException("plugins conflict: " + cause.getMessage());
      }
    }
    return injector;
  }

  /** Every registered component. */
  PluginRegistry registry() throws PluginLoadException {
    return injector().getInstance(PluginRegistry.class);
  }

  /** Every block kind. */
  BlockKinds kinds() throws PluginLoadException {
    return injector().getInstance(BlockKinds.class);
  }
}
