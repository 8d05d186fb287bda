package org.nnx.run;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import org.nnx.block.BlockKinds;
import org.nnx.block.ResolvedFile;
import org.nnx.plugin.LoadedPlugins;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ParseResult;
import org.nnx.syntax.SourceParser;
import org.nnx.syntax.UserInputException;

/**
 * The framework's core plugin with test modules besides it, and a way to check {@code .nnx} text
 * against them: what resolver tests of the framework and the plugins need.
 */
public final class TestPlugins {

  private final Injector injector;

  private TestPlugins(Injector injector) {
    this.injector = injector;
  }

  /** The core plugin and {@code modules}. */
  public static TestPlugins of(Module... modules) {
    List<Module> all = new ArrayList<>();
    all.add(new CorePlugin().module());
    all.add(new AbstractModule() {
      @Override
      protected void configure() {
        bind(LoadedPlugins.class).toInstance(new LoadedPlugins(List.of(new CorePlugin()), List.of()));
      }
    });
    all.addAll(List.of(modules));
    return new TestPlugins(Guice.createInjector(all));
  }

  /**
   * The components of one kind that {@code injector}'s modules register, by the name each gives
   * itself ({@code name()}, or {@code kind()} for hardware models).
   */
  @SuppressWarnings("unchecked")
  public static <T> java.util.Map<String, T> byName(Injector injector, Class<T> type) {
    java.util.Set<T> set = (java.util.Set<T>) injector.getInstance(
        com.google.inject.Key.get(com.google.inject.util.Types.setOf(type)));
    java.util.Map<String, T> out = new java.util.TreeMap<>();
    for (T c : set) {
      try {
        java.lang.reflect.Method name;
        try {
          name = type.getMethod("name");
        } catch (NoSuchMethodException e) {
          name = type.getMethod("kind");
        }
        out.put((String) name.invoke(c), c);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** The injector. */
  public Injector injector() {
    return injector;
  }

  /** The registry. */
  public PluginRegistry registry() {
    return injector.getInstance(PluginRegistry.class);
  }

  /** Parses and checks {@code text} as the file {@code t.nnx}. */
  public ResolvedFile resolve(String text) throws UserInputException {
    return resolve("t.nnx", text);
  }

  /** Parses and checks {@code text} as the file {@code file}. */
  public ResolvedFile resolve(String file, String text) throws UserInputException {
    ParseResult parsed = SourceParser.parse(file, text);
    if (!parsed.ok()) {
      throw new UserInputException(parsed.errors());
    }
    return injector.getInstance(BlockKinds.class).resolve(parsed.file(), registry());
  }

  /** The errors of checking {@code text}; empty when it checks. */
  public List<Diagnostic> errors(String text) {
    return errors("t.nnx", text);
  }

  /** The errors of checking {@code text} as the file {@code file}; empty when it checks. */
  public List<Diagnostic> errors(String file, String text) {
    try {
      resolve(file, text);
      return List.of();
    } catch (UserInputException e) {
      return e.diagnostics();
    }
  }
}
