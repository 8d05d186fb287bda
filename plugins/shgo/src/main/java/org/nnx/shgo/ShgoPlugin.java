package org.nnx.shgo;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import org.nnx.optimize.Optimizer;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/** Registers the optimizers {@code shgo}, {@code random} and {@code grid}. */
public final class ShgoPlugin implements NnxPlugin {

  @Override
  public String name() {
    return "shgo";
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder<String, Optimizer> optimizers = Registrations.optimizers(binder());
        optimizers.addBinding("shgo").to(ShgoOptimizer.class);
        optimizers.addBinding("random").to(RandomSearchOptimizer.class);
        optimizers.addBinding("grid").to(GridSearchOptimizer.class);
      }
    };
  }
}
