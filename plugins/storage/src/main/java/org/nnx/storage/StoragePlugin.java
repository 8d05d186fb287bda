package org.nnx.storage;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code storage} plugin: the metric {@code stored_accuracy} ({@link StoredAccuracyMetric}),
 * the channels {@code gaussian}, {@code level_gaussian} and {@code pcm}, and the codes {@code
 * naive}, {@code adaptive}, {@code sign}, {@code repeat}, {@code split} and {@code digital}. Another
 * plugin adds a channel or a code with {@link #channels} or {@link #codes} in its module.
 */
public final class StoragePlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public StoragePlugin() {}

  /** Where channels are registered: {@code StoragePlugin.channels(binder()).addBinding().to(MyChannel.class)}. */
  public static Multibinder<StorageChannel> channels(Binder binder) {
    return Multibinder.newSetBinder(binder, StorageChannel.class);
  }

  /** Where weight codes are registered. */
  public static Multibinder<WeightCode> codes(Binder binder) {
    return Multibinder.newSetBinder(binder, WeightCode.class);
  }

  @Override
  public String name() {
    return "storage";
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
        Registrations.metrics(binder()).addBinding().to(StoredAccuracyMetric.class);
        channels(binder()).addBinding().to(GaussianChannel.class);
        channels(binder()).addBinding().to(LevelGaussianChannel.class);
        channels(binder()).addBinding().to(PcmChannel.class);
        codes(binder()).addBinding().to(Codes.Naive.class);
        codes(binder()).addBinding().to(Codes.Adaptive.class);
        codes(binder()).addBinding().to(Codes.Sign.class);
        codes(binder()).addBinding().to(Codes.Repeat.class);
        codes(binder()).addBinding().to(Codes.Split.class);
        codes(binder()).addBinding().to(DigitalCode.class);
      }
    };
  }
}
