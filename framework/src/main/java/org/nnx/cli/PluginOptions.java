package org.nnx.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnx.plugin.PluginLoadException;
import org.nnx.plugin.PluginLoader;
import org.nnx.plugin.PluginRegistry;
import picocli.CommandLine.Option;

/** The {@code --plugins DIR} option shared by every command that needs plugins. */
final class PluginOptions {

  @Option(names = "--plugins", paramLabel = "DIR",
      description = "Folder of plugin jars to load besides the built-in ones (default: ~/.nnx/plugins).")
  Path pluginDir;

  /** Loads every plugin. */
  PluginRegistry registry() throws PluginLoadException {
    List<Path> dirs = new ArrayList<>();
    dirs.add(pluginDir != null ? pluginDir : PluginLoader.defaultPluginDir());
    return PluginLoader.load(dirs).getInstance(PluginRegistry.class);
  }
}
