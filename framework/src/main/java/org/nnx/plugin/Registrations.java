package org.nnx.plugin;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import org.nnx.data.DatasetProvider;
import org.nnx.hardware.HardwareModel;
import org.nnx.optimize.Optimizer;

/**
 * The named extension points of nnx. Each method returns the map binder a plugin module adds its
 * components to; the key is the name users write in {@code .nnx} files.
 */
public final class Registrations {

  private Registrations() {}

  /** Metrics, keyed by the name used after {@code measure}. */
  public static MapBinder<String, Metric> metrics(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, Metric.class);
  }

  /** Architecture families, keyed by the name used in {@code architectures { label: NAME(...) }}. */
  public static MapBinder<String, ArchitectureFamily> families(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, ArchitectureFamily.class);
  }

  /** Data sets, keyed by the name used after {@code data}. */
  public static MapBinder<String, DatasetProvider> datasets(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, DatasetProvider.class);
  }

  /** The trainer's {@code train { }} settings; a trainer plugin calls {@code setBinding()} on it. */
  public static OptionalBinder<TrainingSettings> training(Binder binder) {
    return OptionalBinder.newOptionalBinder(binder, TrainingSettings.class);
  }

  /** Optimizers, keyed by the name users write, e.g. {@code shgo}. */
  public static MapBinder<String, Optimizer> optimizers(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, Optimizer.class);
  }

  /** Hardware models, keyed by the kind users write in {@code hardware NAME { kind = KIND, ... }}. */
  public static MapBinder<String, HardwareModel> hardware(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, HardwareModel.class);
  }
}
