package org.nnx.smoothing;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.nnx.model.ReferenceInference;
import org.nnx.model.TrainedModel;

/**
 * On small random images and a tiny network: every prediction the certificate declares safe
 * against m x m patches stays the same for every placement of a patch of any of several contents
 * (all 0, all 1, random), the votes recomputed on the patched image.
 */
class PatchCertificateBruteForceTest {

  private static final TensorShape IMAGE = new TensorShape(1, 8, 8);

  private static Network network() {
    NetworkBuilder b = new NetworkBuilder("tiny", new TensorShape(2, 8, 8));
    int x = b.add("conv", new Op.Conv2d(2, 4, 3, 1, 1, 1, true), 0);
    x = b.add("relu", new Op.Act(Activation.RELU), x);
    x = b.add("flatten", new Op.Flatten(), x);
    b.add("fc", new Op.Dense(256, 3, true), x);
    return b.build();
  }

  /** Weights times {@code factor}, so that the random network is confident and certificates occur. */
  private static NetworkWeights scaled(NetworkWeights w, float factor) {
    NetworkWeights.Builder b = NetworkWeights.builder();
    for (int id : w.nodes()) {
      for (var t : w.tensors(id).entrySet()) {
        float[] v = t.getValue().values().clone();
        for (int i = 0; i < v.length; i++) {
          v[i] *= factor;
        }
        b.put(id, t.getKey(), t.getValue().shape(), v);
      }
    }
    return b.build();
  }

  @Test
  void noPatchChangesACertifiedPrediction() {
    Network network = network();
    SplittableRandom random = new SplittableRandom(3);
    int n = 24;
    float[] pixels = new float[n * 64];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    Dataset.Split split = new Dataset.Split(pixels, new int[n]);
    int certifiedCases = 0;
    for (long seed = 1; seed <= 3; seed++) {
      try (TrainedModel model = new TrainedModel(network, scaled(InitialWeights.draw(network, seed), 8),
        new ReferenceInference())) {
        for (Ablation a : new Ablation[] {new Ablation(Ablation.Kind.COLUMN, 2), new Ablation(Ablation.Kind.BLOCK, 2),
            new Ablation(Ablation.Kind.ROW, 3)}) {
          int[][] votes = PatchCertificateMetric.votes(model, split, IMAGE, n, a, 0.4, 3);
          for (int m = 1; m <= 2; m++) {
            for (int i = 0; i < n; i++) {
              Certificate c = Certificate.of(votes[i]);
              if (!c.certified(a.delta(m))) {
                continue;
              }
              certifiedCases++;
              for (int r0 = 0; r0 + m <= 8; r0++) {
                for (int c0 = 0; c0 + m <= 8; c0++) {
                  for (int content = 0; content < 3; content++) {
                    float[] patched = java.util.Arrays.copyOfRange(pixels, i * 64, i * 64 + 64);
                    for (int r = r0; r < r0 + m; r++) {
                      for (int col = c0; col < c0 + m; col++) {
                        patched[r * 8 + col] = content == 0 ? 0f : content == 1 ? 1f : (float) random.nextDouble();
                      }
                    }
                    int[] after = PatchCertificateMetric.votes(model, new Dataset.Split(patched, new int[1]), IMAGE, 1, a,
                        0.4, 3)[0];
                    assertThat(Certificate.of(after).top()).as(a.text() + " m " + m + " image " + i + " patch at "
                        + r0 + "," + c0).isEqualTo(c.top());
                  }
                }
              }
            }
          }
        }
      }
    }
    assertThat(certifiedCases).as("certified cases").isGreaterThan(10);
  }
}
