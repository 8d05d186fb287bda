package org.nnx.run;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.Version;
import org.nnx.block.BlockKinds;
import org.nnx.codesign.CodesignKind;
import org.nnx.execute.LocalExecutorFactory;
import org.nnx.experiment.ExperimentKind;
import org.nnx.hardware.target.HardwareKind;
import org.nnx.metrics.FlopsMetric;
import org.nnx.metrics.ParamsMetric;
import org.nnx.network.BlockDefinitionKind;
import org.nnx.network.NetworkKind;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;
import org.nnx.search.SearchKind;

/**
 * The framework's own components: the block kinds of the language ({@code hardware}, {@code block}, {@code network}, {@code
 * experiment}, {@code search}, {@code codesign}), the {@code params} and {@code flops} metrics, and
 * the (possibly empty) registries every other plugin adds to.
 */
public final class CorePlugin implements NnxPlugin {

  @Override
  public String name() {
    return "core";
  }

  @Override
  public String version() {
    return Version.NNX;
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        BlockKinds.register(binder()).addBinding().to(HardwareKind.class);
        BlockKinds.register(binder()).addBinding().to(BlockDefinitionKind.class);
        BlockKinds.register(binder()).addBinding().to(NetworkKind.class);
        BlockKinds.register(binder()).addBinding().to(ExperimentKind.class);
        BlockKinds.register(binder()).addBinding().to(SearchKind.class);
        BlockKinds.register(binder()).addBinding().to(CodesignKind.class);
        Registrations.metrics(binder()).addBinding().to(ParamsMetric.class);
        Registrations.metrics(binder()).addBinding().to(FlopsMetric.class);
        Registrations.families(binder());
        Registrations.datasets(binder());
        Registrations.optimizers(binder());
        Registrations.trainer(binder());
        Registrations.trainingInputs(binder());
        Registrations.hardware(binder());
        Registrations.inference(binder());
        Registrations.executors(binder()).addBinding().to(LocalExecutorFactory.class);
      }
    };
  }
}
