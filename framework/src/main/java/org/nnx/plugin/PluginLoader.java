package org.nnx.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.spi.Message;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Finds {@link NnxPlugin}s on the class path and in plugin folders (every {@code *.jar} directly
 * inside), and builds the Guice injector from their modules.
 */
public final class PluginLoader {

  private static final Logger LOG = LogManager.getLogger(PluginLoader.class);

  private PluginLoader() {}

  /**
   * Loads every plugin and returns the injector.
   *
   * @param pluginDirs folders of plugin jars; missing folders are skipped
   * @throws PluginLoadException if a jar cannot be read, a plugin fails to load, or two plugins
   *     register the same name
   */
  public static Injector load(List<Path> pluginDirs) throws PluginLoadException {
    List<Path> jars = new ArrayList<>();
    for (Path dir : pluginDirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
          try (java.util.jar.JarFile readable = new java.util.jar.JarFile(jar.toFile())) {
            jars.add(jar);
          } catch (IOException e) {
            // a class loader would skip it silently, and the plugins in it would just be missing
            throw new PluginLoadException("plugin jar " + jar + " is not a readable jar (" + e.getMessage()
                + "); replace it or remove it from " + dir);
          }
        }
      } catch (IOException e) {
        throw new PluginLoadException("cannot read plugin folder " + dir + ": " + e.getMessage());
      }
    }
    return loadJars(jars);
  }

  /**
   * Loads the plugins of the class path and of {@code jarPaths} and returns the injector: what another
   * process does with the jars a run names ({@link LoadedPlugins#jars()}) to load the same plugins.
   *
   * @param jarPaths plugin jars, in load order
   * @throws PluginLoadException as {@link #load} does
   */
  public static Injector loadJars(List<Path> jarPaths) throws PluginLoadException {
    List<URL> jars = new ArrayList<>();
    for (Path jar : jarPaths) {
      try {
        jars.add(jar.toUri().toURL());
      } catch (java.net.MalformedURLException e) {
        throw new PluginLoadException("cannot read plugin jar " + jar + ": " + e.getMessage());
      }
    }
    ClassLoader parent = PluginLoader.class.getClassLoader();
    ClassLoader loader = jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
    Map<String, NnxPlugin> byName = new LinkedHashMap<>();
    try {
      for (NnxPlugin plugin : ServiceLoader.load(NnxPlugin.class, loader)) {
        NnxPlugin previous = byName.putIfAbsent(plugin.name(), plugin);
        if (previous != null) {
          LOG.warn("plugin '{}' found twice ({} and {}); using the first",
              plugin.name(), source(previous), source(plugin));
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new PluginLoadException("a plugin failed to load: " + e.getMessage());
    }
    List<NnxPlugin> plugins = List.copyOf(byName.values());
    List<Module> modules = new ArrayList<>();
    modules.add(new AbstractModule() {
      @Override
      protected void configure() {
        bind(LoadedPlugins.class).toInstance(new LoadedPlugins(plugins, List.copyOf(jarPaths)));
      }
    });
    for (NnxPlugin plugin : plugins) {
      LOG.debug("plugin {} {} from {}", plugin.name(), plugin.version(), source(plugin));
      modules.add(plugin.module());
    }
    try {
      return Guice.createInjector(modules);
    } catch (CreationException e) {
      List<String> messages = e.getErrorMessages().stream().map(Message::getMessage).toList();
      throw new PluginLoadException("plugins conflict: " + String.join("; ", messages));
    }
  }

  /**
   * Loads every plugin and returns their registry.
   *
   * @throws PluginLoadException as {@link #load} does, and if two components give the same name
   */
  public static PluginRegistry registry(List<Path> pluginDirs) throws PluginLoadException {
    Injector injector = load(pluginDirs);
    try {
      return injector.getInstance(PluginRegistry.class);
    } catch (com.google.inject.ProvisionException | com.google.inject.ConfigurationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new PluginLoadException("plugins conflict: " + cause.getMessage());
    }
  }

  private static String source(NnxPlugin plugin) {
    var location = plugin.getClass().getProtectionDomain().getCodeSource();
    return location == null ? "?" : location.getLocation().toString();
  }

  /** The default plugin folder, {@code ~/.nnx/plugins}. */
  public static Path defaultPluginDir() {
    return Path.of(System.getProperty("user.home"), ".nnx", "plugins");
  }

}
