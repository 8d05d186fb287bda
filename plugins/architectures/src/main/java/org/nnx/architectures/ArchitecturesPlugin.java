package org.nnx.architectures;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
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

  /** The version of this build of nnx. */
  @Override
  public String version() {
    return org.nnx.Version.NNX;
  }

  /** A module binding every family under its name in {@link Registrations#families}. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<ArchitectureFamily> families = Registrations.families(binder());
        families.addBinding().to(DenseMlpFamily.class);
        families.addBinding().to(DenseCnnFamily.class);
        families.addBinding().to(CellsFamily.class);
        families.addBinding().to(ResNetFamily.class);
        families.addBinding().to(WideResNetFamily.class);
        families.addBinding().to(ResNeXtFamily.class);
        families.addBinding().to(MobileNetV2Family.class);
      }
    };
  }
}
