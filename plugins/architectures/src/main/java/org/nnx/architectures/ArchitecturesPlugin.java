package org.nnx.architectures;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code architectures} plugin: registers the families {@code dense_mlp}, {@code dense_cnn},
 * {@code cells} (the NN-Mass paper's DenseNet-type networks, Bhardwaj, Li, Marculescu, CVPR 2021)
 * and {@code resnet}, {@code wide_resnet}, {@code resnext}, {@code mobilenet_v2} (torchvision
 * layouts). Found by {@link java.util.ServiceLoader} through {@code
 * META-INF/services/org.nnx.plugin.NnxPlugin}.
 */
public final class ArchitecturesPlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public ArchitecturesPlugin() {}

  /** Returns {@code "architectures"}. */
  @Override
  public String name() {
    return "architectures";
  }

  /** Returns {@code "0.1.0"}. */
  @Override
  public String version() {
    return "0.1.0";
  }

  /** A module binding every family under its name in {@link Registrations#families}. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder<String, ArchitectureFamily> families = Registrations.families(binder());
        families.addBinding(DenseMlpFamily.NAME).to(DenseMlpFamily.class);
        families.addBinding(DenseCnnFamily.NAME).to(DenseCnnFamily.class);
        families.addBinding(CellsFamily.NAME).to(CellsFamily.class);
        families.addBinding(ResNetFamily.NAME).to(ResNetFamily.class);
        families.addBinding(WideResNetFamily.NAME).to(WideResNetFamily.class);
        families.addBinding(ResNeXtFamily.NAME).to(ResNeXtFamily.class);
        families.addBinding(MobileNetV2Family.NAME).to(MobileNetV2Family.class);
      }
    };
  }
}
