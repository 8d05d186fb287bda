package org.nnx.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nnx.storage.ChannelStatisticsTest.options;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnx.model.NetworkWeights;
import org.nnx.param.Parameters;

/** The weight codes: exact round trips without noise, cell counts by formula, variance under repetition. */
class CodePlanTest {

  private static final CellModel EXACT = new GaussianChannel().cells(options("gaussian", "sigma", 0.0, "levels", 0L));

  private static NetworkWeights weights(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] w = new float[n];
    float[] b = new float[4];
    for (int i = 0; i < n; i++) {
      w[i] = (float) (r.nextDouble() * 0.6 - 0.2);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) (r.nextDouble() - 0.5);
    }
    return NetworkWeights.builder().put(1, NetworkWeights.WEIGHT, new int[] {4, n / 4}, w)
        .put(1, NetworkWeights.BIAS, new int[] {4}, b)
        .put(2, NetworkWeights.RUNNING_MEAN, new int[] {4}, new float[] {1, 2, 3, 4}).build();
  }

  private static CodePlan plan(WeightCode... parts) {
    CodePlan plan = new CodePlan();
    for (WeightCode part : parts) {
      part.configure(defaults(part), plan);
    }
    plan.check();
    return plan;
  }

  private static Parameters defaults(WeightCode code) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(org.nnx.param.ParamType.Variant.KIND, code.name());
    code.parameters().forEach(p -> p.defaultValue().ifPresent(v -> m.put(p.name(), v)));
    if (code instanceof Codes.Repeat) {
      m.put("r", 3L);
    }
    return new Parameters(code.name(), m);
  }

  @Test
  void withoutNoiseTheDirectCodesReturnEveryWeight() {
    NetworkWeights w = weights(1, 400);
    for (CodePlan plan : new CodePlan[] {plan(new Codes.Naive()), plan(new Codes.Adaptive()),
        plan(new Codes.Sign(), new Codes.Adaptive()), plan(new Codes.Naive(), new Codes.Repeat())}) {
      double[] error = new double[1];
      NetworkWeights read = plan.store(w, EXACT, new SplittableRandom(2), error);
      assertThat(read.get(1, NetworkWeights.WEIGHT).values()).containsExactly(w.get(1, NetworkWeights.WEIGHT).values());
      assertThat(read.get(1, NetworkWeights.BIAS).values()).containsExactly(w.get(1, NetworkWeights.BIAS).values());
      assertThat(read.get(2, NetworkWeights.RUNNING_MEAN)).as("statistics are not stored").isEqualTo(
          w.get(2, NetworkWeights.RUNNING_MEAN));
      assertThat(error[0]).isZero();
    }
  }

  @Test
  void splitReconstructsItsQuantizedValueExactly() {
    SplitCoding split = new SplitCoding(3, 4); // 64 steps
    double[] cells = new double[3];
    for (int q = 0; q < 64; q++) {
      split.encode(q / 63.0, cells, 0);
      for (double c : cells) {
        assertThat(c * 3).as("each cell at one of four levels").isCloseTo(Math.rint(c * 3), within(1e-12));
      }
      assertThat(split.decode(cells, 0)).isEqualTo(q / 63.0);
    }
    // coarse to fine: the first cell carries the most significant digit
    split.encode(48 / 63.0, cells, 0);
    assertThat(cells).containsExactly(1.0, 0.0, 0.0);
    // a whole network through split without noise: every weight within half a step of its value
    NetworkWeights w = weights(3, 400);
    CodePlan plan = new CodePlan();
    plan.range(CodePlan.Range.ADAPTIVE, "adaptive");
    plan.coding(k -> new SplitCoding(k, 4), 4, "split");
    NetworkWeights read = plan.store(w, EXACT, new SplittableRandom(1), new double[1]);
    float[] a = w.get(1, NetworkWeights.WEIGHT).values();
    float[] b = read.get(1, NetworkWeights.WEIGHT).values();
    double lo = 1e9;
    double hi = -1e9;
    for (float v : a) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    for (int i = 0; i < a.length; i++) {
      assertThat((double) b[i]).isCloseTo(a[i], within((hi - lo) / 255 / 2 + 1e-7));
    }
  }

  @Test
  void cellCountsFollowTheirFormulas() {
    assertThat(plan(new Codes.Naive()).cells(1000)).isEqualTo(1000);
    assertThat(plan(new Codes.Sign(), new Codes.Adaptive()).cells(1000)).isEqualTo(2000);
    assertThat(plan(new Codes.Sign(), new Codes.Repeat()).cells(1000)).isEqualTo(6000); // (1 + 1) x 3
    CodePlan split = plan(new Codes.Split(), new Codes.Sign());
    assertThat(split.cells(1000)).isEqualTo(3000); // 2 digits + a sign cell
    split.size(5);
    assertThat(split.cells(1000)).isEqualTo(6000);
    CodePlan digital = plan(new DigitalCode()); // 8 bits, SECDED (72, 64), 2 bits per cell
    assertThat(digital.cells(1000)).isEqualTo(4500);
    digital.size(4); // 4 bits per weight
    assertThat(digital.cells(1000)).isEqualTo(2250);
    digital.size(3);
    assertThat(digital.cells(1000)).isEqualTo(1688); // ceil(1000 x 3 x 72/64 / 2)
    assertThat(DigitalCode.overhead(options("hamming"))).isEqualTo(7.0 / 4);
    CodePlan sized = plan(new Codes.Adaptive());
    sized.size(6);
    assertThat(sized.cells(10)).isEqualTo(60);
  }

  @Test
  void partsThatClashAreRefused() {
    assertThatThrownBy(() -> plan(new Codes.Naive(), new Codes.Adaptive())).hasMessageContaining("both set the range");
    assertThatThrownBy(() -> plan(new DigitalCode(), new Codes.Sign())).hasMessageContaining("combines with nothing");
    assertThatThrownBy(() -> plan(new Codes.Naive(), new Codes.Repeat()).size(2))
        .hasMessageContaining("size sets the repetition");
  }

  @Test
  void repetitionDividesTheReadVarianceByR() {
    double sigma = 0.05;
    CellModel noisy = new GaussianChannel().cells(options("gaussian", "sigma", sigma, "levels", 0L));
    NetworkWeights w = weights(5, 40_000);
    for (int r : new int[] {1, 4}) {
      CodePlan plan = new CodePlan();
      plan.range(CodePlan.Range.NAIVE, "naive");
      plan.repeat(r, "repeat");
      double[] error = new double[1];
      plan.store(w, noisy, new SplittableRandom(9), error);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (String name : new String[] {NetworkWeights.WEIGHT, NetworkWeights.BIAS}) {
        for (float v : w.get(1, name).values()) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      double range = hi - lo; // the naive map's span: a read error of e is a weight error of e * range
      double perWeight = error[0] / 40_004;
      // reads are clipped to [0, 1] before decoding, which slightly lowers the error at the ends
      assertThat(perWeight).isCloseTo(sigma * sigma / r * range * range, within(0.12 * sigma * sigma / r));
    }
  }

  @Test
  void aDrawIsDeterminedByItsSeed() {
    CellModel pcm = new PcmChannel().cells(options("pcm", "time", 3600.0, "g_max", 25.0, "compensation", true));
    NetworkWeights w = weights(6, 400);
    CodePlan plan = plan(new Codes.Sign(), new Codes.Adaptive());
    NetworkWeights a = plan.store(w, pcm, new SplittableRandom(42), new double[1]);
    NetworkWeights b = plan.store(w, pcm, new SplittableRandom(42), new double[1]);
    NetworkWeights c = plan.store(w, pcm, new SplittableRandom(43), new double[1]);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }
}
