package org.nnx.datasets;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import org.nnx.data.DatasetProvider;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code datasets} plugin: registers the data sets {@code mnist}, {@code fashion_mnist}, {@code
 * synthetic}, {@code digits} and {@code cifar10}. {@link DataFetcher} fills the cache for those that
 * come from a package registry.
 */
public final class DatasetsPlugin implements NnxPlugin {

  /** The plugin's version, recorded with every run; raise it when a data set's content changes. */
  public static final String VERSION = "0.1.0";

  @Override
  public String name() {
    return "datasets";
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder<String, DatasetProvider> datasets = Registrations.datasets(binder());
        datasets.addBinding(MnistProvider.NAME).to(MnistProvider.class);
        datasets.addBinding(FashionMnistProvider.NAME).to(FashionMnistProvider.class);
        datasets.addBinding(SyntheticProvider.NAME).to(SyntheticProvider.class);
        datasets.addBinding(DigitsProvider.NAME).to(DigitsProvider.class);
        datasets.addBinding(Cifar10Provider.NAME).to(Cifar10Provider.class);
      }
    };
  }
}
