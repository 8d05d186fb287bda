package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnx.plugin.Metric;
import org.nnx.plugin.NnxPlugin;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.Requirement;
import org.nnx.model.InitScheme;

class Dl4jPluginTest {

  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(NnxPlugin.class).stream().map(p -> (Object) p.type()).toList())
        .contains(Dl4jPlugin.class);
  }

  @Test
  void bindsTheTrainingSettingsAndFiveMetrics() {
    NnxPlugin plugin = new Dl4jPlugin();
    assertThat(plugin.name()).isEqualTo("dl4j");
    assertThat(plugin.version()).isEqualTo(org.nnx.Version.NNX);
    Injector injector = Guice.createInjector(plugin.module());
    Map<String, Metric> metrics = new java.util.TreeMap<>();
    injector.getInstance(Key.get(new TypeLiteral<Set<Metric>>() {})).forEach(m -> metrics.put(m.name(), m));
    assertThat(metrics.keySet())
        .containsExactlyInAnyOrder("test_accuracy", "test_loss", "train_loss", "train_time_s", "ldi");
    metrics.forEach((name, metric) -> assertThat(metric.name()).isEqualTo(name));
    assertThat(metrics.get("test_accuracy").requirements()).isEqualTo(Set.of(Requirement.TRAINED_MODEL));
    assertThat(metrics.get("ldi").requirements()).isEqualTo(Set.of(Requirement.DATA));
    assertThat(metrics.get("ldi").extraColumns()).containsExactly("ldi_std");
    assertThat(metrics.get("ldi").parameters().stream().map(ParameterSpec::name)).containsExactly("samples",
        "mask_classifier");
    Optional<org.nnx.plugin.Trainer> training = injector.getInstance(Key.get(new TypeLiteral<Optional<org.nnx.plugin.Trainer>>() {}));
    assertThat(training).isPresent();
    assertThat(training.get().parameters().stream().map(ParameterSpec::name)).containsExactly("optimizer",
        "weight_decay", "group_lasso", "schedule", "batch", "epochs", "init", "train_samples", "test_samples");
  }

  @Test
  void defaultsAreTheIssuesAndVariantsAreRead() {
    TrainingOptions d = TrainingOptions.from(new Parameters(Map.of()));
    assertThat(d).isEqualTo(new TrainingOptions("adam", 1e-3, 0.9, 0.999, 1e-8, 0, false, 0, 0, "constant", 1, 1.0, 64, 1,
        InitScheme.UNIFORM_FAN_IN, 0, 0));
    // every default value has its type's Java representation (a Variant's is Parameters with its kind)
    for (ParameterSpec spec : new Dl4jTrainingSettings().parameters()) {
      Object v = spec.defaultValue().orElseThrow();
      if (spec.type() instanceof ParamType.Variant) {
        assertThat(((Parameters) v).has(ParamType.Variant.KIND)).isTrue();
      }
    }
    TrainingOptions sgd = TrainingOptions.from(TrainerTest.settings("optimizer",
        TrainerTest.variant("sgd", "momentum", 0.9, "nesterov", true), "schedule", TrainerTest.variant("step",
            "gamma", 0.5), "init", "he", "batch", 100L, "epochs", 3L, "weight_decay", 1e-4, "train_samples", 500L));
    assertThat(sgd.optimizer()).isEqualTo("sgd");
    assertThat(sgd.learningRate()).isEqualTo(0.01);
    assertThat(sgd.momentum()).isEqualTo(0.9);
    assertThat(sgd.nesterov()).isTrue();
    assertThat(sgd.schedule()).isEqualTo("step");
    assertThat(sgd.stepSize()).isEqualTo(1);
    assertThat(sgd.gamma()).isEqualTo(0.5);
    assertThat(sgd.init()).isEqualTo(InitScheme.HE);
    assertThat(List.of(sgd.batch(), sgd.epochs(), sgd.trainSamples())).containsExactly(100, 3, 500);
    assertThat(sgd.weightDecay()).isEqualTo(1e-4);
  }
}
