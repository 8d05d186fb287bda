package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.Inference;
import org.nnx.model.InitialWeights;

class Dl4jInferenceTest {

  /** A convolution with 16 input channels on 28x28 images: 112,896 patch values per example. */
  private static Network wide() {
    NetworkBuilder b = new NetworkBuilder("wide", new TensorShape(16, 28, 28));
    int x = b.add("conv", new Op.Conv2d(16, 8, 3, 1, 1, 1, true), 0);
    x = b.add("relu", new Op.Act(Activation.RELU), x);
    x = b.add("pool", new Op.GlobalAvgPool(), x);
    b.add("fc", new Op.Dense(8, 3, true), x);
    return b.build();
  }

  @Test
  void aLargeBatchIsClassifiedInChunksWithTheSameProbabilities() {
    Network network = wide();
    int chunk = Dl4jInference.Graph.chunk(network);
    assertThat(chunk).isEqualTo((int) (Dl4jInference.Graph.MAX_PATCH_VALUES / (16 * 9 * 28 * 28)));
    int examples = 2 * chunk + 5;
    int size = 16 * 28 * 28;
    float[] x = new float[examples * size];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    try (Inference inference = new Dl4jInference().compile(network, InitialWeights.draw(network, 5))) {
      float[] all = inference.probabilities(x, examples);
      assertThat(all).hasSize(examples * 3);
      for (int e = 0; e < examples; e += 7) {
        float[] one = inference.probabilities(java.util.Arrays.copyOfRange(x, e * size, (e + 1) * size), 1);
        for (int c = 0; c < 3; c++) {
          assertThat(all[e * 3 + c]).as("example " + e + " class " + c).isCloseTo(one[c], within(1e-6f));
        }
      }
    }
  }
}
