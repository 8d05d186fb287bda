package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nnx.data.Dataset;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;
import org.nnx.model.ReferenceInference;
import org.nnx.model.TrainedModel;
import org.nnx.plugin.Trainer;

/**
 * The trained weights DL4J gives back are the weights it classifies with: extracted in PyTorch's
 * layouts (batch-norm running statistics included), they make the framework's reference
 * interpreter compute the same probabilities as the trained graph, and loading them into a new
 * graph changes nothing.
 */
class WeightsRoundTripTest {

  /** conv (grouped) - batch norm - relu - max pool - conv - batch norm - add - global pool - dense. */
  private static Network cnn() {
    NetworkBuilder b = new NetworkBuilder("t", new TensorShape(2, 6, 6));
    int c1 = b.add("c1", new Op.Conv2d(2, 4, 3, 1, 1, 2, true), 0);
    int n1 = b.add("n1", new Op.BatchNorm(4), c1);
    int r1 = b.add("r1", new Op.Act(Activation.RELU), n1);
    int p1 = b.add("p1", new Op.Pool(true, 2, 2, 0), r1);
    int c2 = b.add("c2", new Op.Conv2d(4, 4, 3, 1, 1, 1, false), p1);
    int n2 = b.add("n2", new Op.BatchNorm(4), c2);
    int add = b.add("add", new Op.Add(), n2, p1);
    int gap = b.add("gap", new Op.GlobalAvgPool(), add);
    b.add("fc", new Op.Dense(4, 3, true), gap);
    return b.build();
  }

  private static Dataset data() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    int n = 64;
    float[] x = new float[n * 72];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(3);
      for (int j = 0; j < 72; j++) {
        x[i * 72 + j] = (float) (r.nextGaussian() + (j % 3 == y[i] ? 1 : 0));
      }
    }
    Dataset.Split split = new Dataset.Split(x, y);
    return new Dataset("toy", new TensorShape(2, 6, 6), 3, split, split);
  }

  @Test
  void trainedWeightsGiveTheSameProbabilitiesInTheReferenceInterpreter() {
    Network net = cnn();
    Dataset data = data();
    Trainer.Result result = TrainingLoop.train(net, data, TrainingOptions.from(TrainerTest.settings("batch", 16L,
        "epochs", 3L)), 5, Optional.empty());
    NetworkWeights trained = result.run().weights();
    assertThat(trained.mismatches(net)).isEmpty();
    assertThat(trained.trainableCount()).isEqualTo(net.parameters());
    // training moved the running statistics away from their initial 0 and 1
    assertThat(trained.get(2, NetworkWeights.RUNNING_MEAN).values()[0]).isNotZero();
    assertThat(trained.get(2, NetworkWeights.RUNNING_VAR).values()[0]).isNotEqualTo(1f);
    float[] dl4j = result.inference().probabilities(data.test().features(), 16);
    float[] reference = new ReferenceInference().compile(net, trained).probabilities(data.test().features(), 16);
    assertThat(reference).containsExactly(dl4j, within(2e-5f));
    result.inference().close();
  }

  @Test
  void loadingExtractedWeightsChangesNothing() {
    Network net = cnn();
    NetworkWeights initial = InitialWeights.draw(net, 9);
    CompiledGraph g = GraphCompiler.compile(net, initial, new NoOp(), 0, DataType.FLOAT);
    NetworkWeights out = g.weights();
    g.release();
    assertThat(out).isEqualTo(initial);
    try (TrainedModel model = new TrainedModel(net, initial, new Dl4jInference())) {
      float[] p = model.probabilities(data().test().features(), 4);
      assertThat(p).hasSize(12);
      for (int e = 0; e < 4; e++) {
        assertThat(p[3 * e] + p[3 * e + 1] + p[3 * e + 2]).isCloseTo(1f, within(1e-5f));
      }
    }
  }
}
