package org.nnx.codesign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PredictorSplitsTest {

  private static final int N = 35;

  private static double[] x() {
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = (i * 7) % N + 0.5 * i;
    }
    return x;
  }

  @Test
  void anExactLinearRelationIsPredictedExactlyOnEverySplit() {
    double[] x = x();
    double[] y = Arrays.stream(x).map(v -> 3 + 2 * v).toArray();
    PredictorSplits.Summary s = PredictorSplits.evaluate(Map.of("x", x), y, 10, 20, Predictor.Form.LINEAR, 5).get(0);
    assertThat(s.splits()).isEqualTo(20);
    for (int i = 0; i < 20; i++) {
      assertThat(s.r2()[i]).isCloseTo(1, within(1e-9));
      assertThat(s.rmse()[i]).isCloseTo(0, within(1e-9));
      assertThat(s.tau()[i]).isEqualTo(1);
    }
  }

  /** Each split, redone by hand: the same permutation, the same fit, the same held-out quality. */
  @Test
  void everySplitIsTheFitOfAShuffleRedoneByHandAndEveryMetricGetsTheSameSplits() {
    double[] x = x();
    double[] noise = new SplittableRandom(1).doubles(N).toArray();
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      y[i] = 0.5 + 0.01 * x[i] - 0.0001 * x[i] * x[i] + 0.05 * noise[i];
    }
    Map<String, double[]> xs = new LinkedHashMap<>();
    xs.put("a", x);
    xs.put("b", x.clone());
    xs.put("c", noise);
    List<PredictorSplits.Summary> all = PredictorSplits.evaluate(xs, y, 10, 7, Predictor.Form.QUADRATIC, 42);
    assertThat(all).extracting(PredictorSplits.Summary::x).containsExactly("a", "b", "c");
    assertThat(all.get(1).r2()).containsExactly(all.get(0).r2());

    SplittableRandom random = new SplittableRandom(42);
    for (int s = 0; s < 7; s++) {
      int[] order = PredictorSplits.shuffled(N, random);
      assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, N).toArray());
      double[] fx = new double[25];
      double[] fy = new double[25];
      double[] hx = new double[10];
      double[] hy = new double[10];
      for (int i = 0; i < 25; i++) {
        fx[i] = x[order[i]];
        fy[i] = y[order[i]];
      }
      for (int i = 0; i < 10; i++) {
        hx[i] = x[order[25 + i]];
        hy[i] = y[order[25 + i]];
      }
      Predictor.Quality q = Predictor.fit(Predictor.Form.QUADRATIC, fx, fy).quality(hx, hy);
      assertThat(all.get(0).r2()[s]).isEqualTo(q.r2());
      assertThat(all.get(0).rmse()[s]).isEqualTo(q.rmse());
      assertThat(all.get(0).tau()[s]).isEqualTo(q.kendallTau());
    }
    assertThat(PredictorSplits.meanSd(new double[] {0.1, 0.3})).isEqualTo("0.200 ± 0.14");
  }
}
