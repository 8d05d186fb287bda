package org.example.skipratio;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/** Registers {@link SkipRatioMetric} under the name {@code skip_ratio}. */
public final class SkipRatioPlugin implements NnxPlugin {

  @Override
  public String name() {
    return "skip-ratio";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.metrics(binder()).addBinding().to(SkipRatioMetric.class);
      }
    };
  }
}
