package org.nnx.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nnx.storage.ChannelStatisticsTest.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnx.data.Dataset;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;
import org.nnx.model.TrainedModel;
import org.nnx.model.TrainingRun;
import org.nnx.param.Combined;
import org.nnx.param.Parameters;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.MetricResult;

/**
 * The metric on a small network with seeded weights and random data, through the reference
 * interpreter: without noise the stored network is the network; with noise the same seed gives the
 * same numbers; the columns follow their definitions; and its checks.
 */
class StoredAccuracyMetricTest {

  private static final StoredAccuracyMetric METRIC = new StoredAccuracyMetric(
      Set.of(new GaussianChannel(), new LevelGaussianChannel(), new PcmChannel()),
      Set.of(new Codes.Naive(), new Codes.Adaptive(), new Codes.Sign(), new Codes.Repeat(), new Codes.Split(),
          new DigitalCode()));

  private static Network network() {
    NetworkBuilder b = new NetworkBuilder("small", TensorShape.vector(12));
    int x = b.add("fc1", new Op.Dense(12, 16, true), 0);
    x = b.add("relu", new Op.Act(Activation.RELU), x);
    b.add("fc2", new Op.Dense(16, 4, true), x);
    return b.build();
  }

  private static FixedTrialContext trial(long seed) {
    Network network = network();
    SplittableRandom random = new SplittableRandom(4);
    int n = 300;
    float[] x = new float[n * 12];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 12; j++) {
        x[i * 12 + j] = (float) random.nextDouble();
      }
      labels[i] = random.nextInt(4);
    }
    Dataset.Split split = new Dataset.Split(x, labels);
    Dataset data = new Dataset("random", TensorShape.vector(12), 4, split, split);
    NetworkWeights w = InitialWeights.draw(network, 7);
    return FixedTrialContext.builder(network).seed(seed).data(data)
        .trainingRun(new TrainingRun(w, 0, 0, 0, 0, 0)).build();
  }

  private static Parameters metricOptions(Parameters channel, long draws, long size, Parameters... code) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("channel", channel);
    m.put("code", new Combined(List.of(code)));
    m.put("size", size);
    m.put("draws", draws);
    m.put("samples", 0L);
    return new Parameters(m);
  }

  private static Parameters part(String name, Object... keysAndValues) {
    return options(name, keysAndValues);
  }

  @Test
  void withoutNoiseTheStoredNetworkIsTheNetwork() {
    try (FixedTrialContext t = trial(1)) {
      double clean = t.trainedModel().evaluate(t.data().test(), t.data().inputShape(), 300).accuracy();
      for (Parameters[] code : List.of(new Parameters[] {part("naive")},
          new Parameters[] {part("sign"), part("adaptive")}, new Parameters[] {part("adaptive"), part("repeat", "r", 3L)})) {
        MetricResult r = METRIC.compute(t, metricOptions(options("gaussian", "sigma", 0.0, "levels", 0L), 5, 0, code));
        assertThat(r.values().get("stored_accuracy")).isEqualTo(clean);
        assertThat(r.values().get("stored_accuracy_sd")).isEqualTo(0.0);
        assertThat(r.values().get("weight_error_rms")).isEqualTo(0.0);
      }
    }
  }

  @Test
  void theColumnsFollowTheirDefinitionsAndTheSeed() {
    Parameters channel = options("gaussian", "sigma", 0.2, "levels", 0L);
    Parameters opts = metricOptions(channel, 4, 0, part("naive"));
    MetricResult a;
    MetricResult b;
    MetricResult c;
    try (FixedTrialContext t = trial(1)) {
      a = METRIC.compute(t, opts);
    }
    try (FixedTrialContext t = trial(1)) {
      b = METRIC.compute(t, opts);
    }
    try (FixedTrialContext t = trial(2)) {
      c = METRIC.compute(t, opts);
    }
    assertThat(a.values()).isEqualTo(b.values());
    assertThat(a.values().get("weight_error_rms")).isNotEqualTo(c.values().get("weight_error_rms"));
    long weights = 12 * 16 + 16 + 16 * 4 + 4;
    assertThat(((Number) a.values().get("cells")).longValue()).isEqualTo(weights);
    assertThat(a.values().get("cells_per_weight")).isEqualTo(1.0);
    // the mean and sd over draws, recomputed from the draws themselves
    List<Double> accuracies = new ArrayList<>();
    try (FixedTrialContext t = trial(1)) {
      CodePlan plan = METRIC.plan(opts);
      CellModel cells = new GaussianChannel().cells(channel);
      long seed = org.nnx.model.Seeds.derive(t.seed(), StoredAccuracyMetric.DRAWS);
      for (int d = 0; d < 4; d++) {
        NetworkWeights read = plan.store(t.trainedModel().weights(), cells,
            new SplittableRandom(org.nnx.model.Seeds.derive(seed, d)), new double[1]);
        try (TrainedModel m = new TrainedModel(t.network(), read, new org.nnx.model.ReferenceInference())) {
          accuracies.add(m.evaluate(t.data().test(), t.data().inputShape(), 300).accuracy());
        }
      }
    }
    double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double ss = accuracies.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    assertThat((double) a.values().get("stored_accuracy")).isCloseTo(mean, org.assertj.core.api.Assertions.within(1e-12));
    assertThat((double) a.values().get("stored_accuracy_sd")).isCloseTo(Math.sqrt(ss / 3),
        org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void theChecksNameTheOption() {
    List<String> errors = new ArrayList<>();
    org.nnx.param.Problems problems = (parameter, message, hint) -> errors.add(parameter + ": " + message);
    METRIC.validate(metricOptions(options("gaussian", "sigma", 0.1, "levels", 4L), 1, 0,
        part("adaptive"), part("split", "cells", 2L, "levels", 16L)), java.util.Optional.empty(), problems);
    METRIC.validate(metricOptions(options("gaussian", "sigma", 0.1, "levels", 0L), 1, 0,
        part("naive"), part("adaptive")), java.util.Optional.empty(), problems);
    METRIC.validate(metricOptions(options("gaussian", "sigma", 0.1, "levels", 0L), 1, 2,
        part("naive"), part("repeat", "r", 2L)), java.util.Optional.empty(), problems);
    METRIC.validate(metricOptions(options("level_gaussian", "c0", 0.01, "c1", -0.1, "c2", 0.0, "levels", 0L), 1, 0,
        part("naive")), java.util.Optional.empty(), problems);
    assertThat(errors).containsExactly(
        "code: the code writes 16 levels per cell, but gaussian cells have 4",
        "code: naive and adaptive both set the range; keep one",
        "size: size sets the repetition, and the code names repeat too; keep one",
        "channel: sigma(x) = c0 + c1 x + c2 x^2 is negative on [0, 1] (its minimum is -0.09000000000000001)");
  }
}
