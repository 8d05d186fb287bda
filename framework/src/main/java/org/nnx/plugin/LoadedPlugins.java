package org.nnx.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * The plugins the injector was built from, in load order, and the jars beyond the class path they
 * were loaded from (what another process needs to load the same plugins).
 *
 * @param plugins the plugins
 * @param jars the plugin jars of the plugin folders, in load order
 */
public record LoadedPlugins(List<NnxPlugin> plugins, List<Path> jars) {

  public LoadedPlugins {
    plugins = List.copyOf(plugins);
    jars = List.copyOf(jars);
  }
}
