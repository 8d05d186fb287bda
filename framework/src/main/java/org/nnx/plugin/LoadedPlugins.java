package org.nnx.plugin;

import java.util.List;

/** The plugins the injector was built from, in load order. */
public record LoadedPlugins(List<NnxPlugin> plugins) {

  public LoadedPlugins {
    plugins = List.copyOf(plugins);
  }
}
