package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nnx.architectures.DenseMlpFamily;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.param.ParamType;
import org.nnx.param.Parameters;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.TrialContext;

class TrainerTest {

  private static Network mlp(int width, int depth, int tc, int inputs, int classes, long seed) {
    return GraphCompilerTest.build(new DenseMlpFamily(), seed, "width", width, "depth", depth, "tc", tc,
        "inputs", inputs, "classes", classes);
  }

  /** Train settings from alternating names and values; variants as {@code "kind", name, ...} maps. */
  static Parameters settings(Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Parameters(m);
  }

  static Parameters variant(String kind, Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(ParamType.Variant.KIND, kind);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Parameters(m);
  }

  @Test
  void shortTrainingOnTheSyntheticDataBeatsChanceClearly() {
    Dataset circle = TestData.synthetic(2);
    Trained r = Trained.of(mlp(8, 4, 4, 2, 2, 1), circle,
        TrainingOptions.from(settings("batch", 100L, "epochs", 3L)), 42);
    assertThat(r.trainExamples()).isEqualTo(12_000);
    assertThat(r.testExamples()).isEqualTo(1_200);
    assertThat(r.iterations()).isEqualTo(3 * 120);
    assertThat(r.testAccuracy()).as("accuracy (chance: 0.5)").isGreaterThan(0.85);
    assertThat(r.testLoss()).isLessThan(Math.log(2));
    assertThat(r.trainLoss()).isPositive().isLessThan(Math.log(2));
    assertThat(r.trainTimeSeconds()).isPositive();
  }

  @Test
  void shortTrainingOnAnMnistSliceBeatsChanceClearly() {
    Dataset mnist = TestData.mnist();
    Trained r = Trained.of(mlp(8, 8, 10, 784, 10, 3), mnist,
        TrainingOptions.from(settings("train_samples", 6000L, "test_samples", 2000L)), 7);
    assertThat(r.trainExamples()).isEqualTo(6000);
    assertThat(r.testExamples()).isEqualTo(2000);
    assertThat(r.testAccuracy()).as("accuracy (chance: 0.1)").isGreaterThan(0.5);
  }

  @Test
  void theSameSeedGivesIdenticalResultsSequentiallyOrInParallel() throws Exception {
    Dataset circle = TestData.synthetic(10);
    Network net = mlp(8, 6, 10, 2, 2, 5);
    TrainingOptions options = TrainingOptions.from(settings("batch", 100L, "train_samples", 4000L));
    Trained first = trainsIdenticallyEverywhere(net, circle, options, 11);
    Trained other = Trained.of(net, circle, options, 12);
    assertThat(other.trainLoss()).isNotEqualTo(first.trainLoss());
  }

  /** Trains {@code net} twice in a row and twice at once on two threads; all four give the same numbers. */
  private static Trained trainsIdenticallyEverywhere(Network net, Dataset data, TrainingOptions options, long seed)
      throws Exception {
    Trained first = Trained.of(net, data, options, seed);
    Trained second = Trained.of(net, data, options, seed);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Trained> a = pool.submit(() -> Trained.of(net, data, options, seed));
      Future<Trained> b = pool.submit(() -> Trained.of(net, data, options, seed));
      for (Trained r : List.of(second, a.get(), b.get())) {
        assertThat(r.testAccuracy()).isEqualTo(first.testAccuracy());
        assertThat(r.testLoss()).isEqualTo(first.testLoss());
        assertThat(r.trainLoss()).isEqualTo(first.trainLoss());
      }
    } finally {
      pool.shutdown();
    }
    return first;
  }

  /** A CNN (oneDNN's convolutions, the batch norm's bulk loops) trains to the same numbers every time, on any thread. */
  @Test
  void aConvolutionalNetworkTrainsIdenticallySequentiallyOrInParallel() throws Exception {
    org.nnx.ir.NetworkBuilder b = new org.nnx.ir.NetworkBuilder("cnn", new org.nnx.ir.TensorShape(1, 28, 28));
    int x = b.add("conv1", new org.nnx.ir.Op.Conv2d(1, 8, 3, 1, 1, 1, false), 0);
    x = b.add("bn1", new org.nnx.ir.Op.BatchNorm(8), x);
    x = b.add("relu1", new org.nnx.ir.Op.Act(org.nnx.ir.Activation.RELU), x);
    x = b.add("pool1", new org.nnx.ir.Op.Pool(true, 2, 2, 0), x);
    x = b.add("conv2", new org.nnx.ir.Op.Conv2d(8, 16, 3, 2, 1, 1, true), x);
    x = b.add("relu2", new org.nnx.ir.Op.Act(org.nnx.ir.Activation.RELU), x);
    x = b.add("gap", new org.nnx.ir.Op.GlobalAvgPool(), x);
    b.add("fc", new org.nnx.ir.Op.Dense(16, 10, true), x);
    Network net = b.build();
    Dataset mnist = TestData.mnist();
    TrainingOptions options = TrainingOptions.from(settings("batch", 50L, "train_samples", 1000L,
        "test_samples", 500L));
    Trained first = trainsIdenticallyEverywhere(net, mnist, options, 4);
    assertThat(first.trainLoss()).isFinite();
    assertThat(Trained.of(net, mnist, options, 5).trainLoss()).isNotEqualTo(first.trainLoss());
  }

  @Test
  void sgdVariantsSchedulesAndWeightDecayTrain() {
    Dataset circle = TestData.synthetic(2);
    Network net = mlp(8, 4, 4, 2, 2, 1);
    Parameters[] variants = {
      settings("optimizer", variant("sgd", "lr", 1e-3, "momentum", 0.9, "nesterov", true), "schedule",
          variant("cosine"), "batch", 100L, "train_samples", 3000L),
      settings("optimizer", variant("sgd", "lr", 1e-3, "momentum", 0.9), "schedule",
          variant("step", "step_size", 1L, "gamma", 0.5), "epochs", 2L, "batch", 100L, "train_samples", 3000L),
      settings("optimizer", variant("sgd"), "weight_decay", 1e-3, "batch", 100L, "train_samples", 3000L),
      settings("weight_decay", 1e-2, "init", "he", "batch", 100L, "train_samples", 3000L),
      settings("init", "xavier", "batch", 100L, "train_samples", 3000L),
    };
    double previous = Double.NaN;
    for (Parameters p : variants) {
      Trained r = Trained.of(net, circle, TrainingOptions.from(p), 3);
      assertThat(r.trainLoss()).as(p.toString()).isFinite().isPositive().isNotEqualTo(previous);
      assertThat(r.testAccuracy()).as(p.toString()).isBetween(0.0, 1.0);
      previous = r.trainLoss();
    }
  }

  @Test
  void refusesDataThatDoesNotFitTheNetwork() {
    Dataset circle = TestData.synthetic(2);
    assertThatThrownBy(() -> Trained.of(mlp(8, 4, 4, 3, 2, 1), circle, TrainingOptions.from(settings()), 1))
        .hasMessageContaining("inputs of 3");
    assertThatThrownBy(() -> Trained.of(mlp(8, 4, 4, 2, 5, 1), circle, TrainingOptions.from(settings()), 1))
        .hasMessageContaining("5 outputs");
  }

  @Test
  void metricsShareOneTrainingRunPerTrial() {
    Dataset circle = TestData.synthetic(2);
    TrialContext trial = FixedTrialContext.builder(mlp(8, 4, 4, 2, 2, 1)).data(circle)
        .training(settings("batch", 100L, "train_samples", 2000L)).seed(4).trainer(new Dl4jTrainer())
        .inference(new Dl4jInference()).build();
    Map<String, Double> values = new LinkedHashMap<>();
    for (TrainingMetric m : List.of(TrainingMetric.testAccuracy(), TrainingMetric.testLoss(), TrainingMetric.trainLoss(),
        TrainingMetric.trainTime())) {
      MetricResult r = m.compute(trial, new Parameters(Map.of()));
      assertThat(r.values().keySet()).containsExactly(m.name());
      values.put(m.name(), ((Number) r.values().get(m.name())).doubleValue());
    }
    org.nnx.model.Evaluation shared = trial.shared(TrainingMetric.EVALUATION_KEY, () -> {
      throw new AssertionError("the metrics kept no shared evaluation");
    });
    assertThat(values).containsEntry("test_accuracy", shared.accuracy())
        .containsEntry("test_loss", shared.loss()).containsEntry("train_loss", trial.trainingRun().trainLoss())
        .containsEntry("train_time_s", trial.trainingRun().trainTimeSeconds());
  }
}
