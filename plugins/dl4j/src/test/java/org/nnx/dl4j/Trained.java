package org.nnx.dl4j;

import java.util.Optional;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.Evaluation;
import org.nnx.model.TrainedModel;
import org.nnx.model.TrainingRun;
import org.nnx.plugin.Trainer;

/**
 * A training run and the test-set evaluation of its model, as the tests read them: what {@code
 * test_accuracy}, {@code test_loss}, {@code train_loss} and {@code train_time_s} report.
 *
 * @param run the training run
 * @param test the evaluation on the test split (its first {@code test_samples} examples)
 */
record Trained(TrainingRun run, Evaluation test) {

  /** Trains {@code network} and evaluates it on the graph it was trained on. */
  static Trained of(Network network, Dataset data, TrainingOptions options, long seed) {
    Trainer.Result result = TrainingLoop.train(network, data, options, seed, Optional.empty());
    try (TrainedModel model = new TrainedModel(network, result.run().weights(), new Dl4jInference(),
        result.inference())) {
      int examples = options.testSamples() > 0 ? Math.min(options.testSamples(), data.test().size()) : data.test().size();
      return new Trained(result.run(), model.evaluate(data.test(), data.inputShape(), examples));
    }
  }

  double testAccuracy() {
    return test.accuracy();
  }

  double testLoss() {
    return test.loss();
  }

  int testExamples() {
    return test.examples();
  }

  double trainLoss() {
    return run.trainLoss();
  }

  double trainTimeSeconds() {
    return run.trainTimeSeconds();
  }

  double trainCpuSeconds() {
    return run.trainCpuSeconds();
  }

  long iterations() {
    return run.iterations();
  }

  int trainExamples() {
    return run.trainExamples();
  }

  double examplesPerSecond(int epochs) {
    return run.examplesPerSecond(epochs);
  }
}
