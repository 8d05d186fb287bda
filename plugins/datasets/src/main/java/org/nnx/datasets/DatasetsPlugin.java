package org.nnx.datasets;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import org.nnx.data.DatasetProvider;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code datasets} plugin: registers the data sets {@code mnist}, {@code fashion_mnist}, {@code
 * synthetic}, {@code digits} and {@code cifar10}. {@link DataFetcher} fills the cache for those that
 * come from a package registry.
 */
public final class DatasetsPlugin implements NnxPlugin {

  @Override
  public String name() {
    return "datasets";
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
        Multibinder<DatasetProvider> datasets = Registrations.datasets(binder());
        datasets.addBinding().to(MnistProvider.class);
        datasets.addBinding().to(FashionMnistProvider.class);
        datasets.addBinding().to(SyntheticProvider.class);
        datasets.addBinding().to(DigitsProvider.class);
        datasets.addBinding().to(Cifar10Provider.class);
      }
    };
  }
}
