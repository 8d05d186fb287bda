package org.nnx.shgo;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
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
    return org.nnx.Version.NNX;
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<Optimizer> optimizers = Registrations.optimizers(binder());
        optimizers.addBinding().to(ShgoOptimizer.class);
        optimizers.addBinding().to(RandomSearchOptimizer.class);
        optimizers.addBinding().to(GridSearchOptimizer.class);
      }
    };
  }
}
