package org.nnx.smoothing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnx.data.BatchTransform;
import org.nnx.data.DataShape;
import org.nnx.data.Dataset;
import org.nnx.ir.TensorShape;
import org.nnx.param.ParamType;
import org.nnx.param.Parameters;

class AblationInputTest {

  private static Parameters column(int size) {
    return new Parameters("column", java.util.Map.of(ParamType.Variant.KIND, "column", "size", (long) size));
  }

  @Test
  void theEncodingDoublesTheChannelsAsXAndOneMinusX() {
    Dataset d = new Dataset("d", new TensorShape(1, 1, 2), 2, new Dataset.Split(new float[] {0.25f, 1f}, new int[] {0}),
        new Dataset.Split(new float[] {0f, 0.5f}, new int[] {1}));
    Dataset e = new AblationInput().encoding(column(1)).encode(d);
    assertThat(e.inputShape()).isEqualTo(new TensorShape(2, 1, 2));
    assertThat(e.train().features()).containsExactly(0.25f, 1f, 0.75f, 0f);
    assertThat(e.test().features()).containsExactly(0f, 0.5f, 1f, 0.5f);
  }

  @Test
  void eachMinibatchKeepsOneBandForAllItsExamplesDrawnFromTheStream() {
    BatchTransform t = new AblationInput().batches(column(2)).orElseThrow();
    TensorShape example = new TensorShape(2, 3, 5);
    List<Integer> kept = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int step = 0; step < 20; step++) {
      float[] values = new float[4 * 30];
      java.util.Arrays.fill(values, 1f);
      t.apply(FloatBuffer.wrap(values), 4, example, random);
      java.util.Set<Integer> columns = new java.util.TreeSet<>();
      for (int c = 0; c < 5; c++) {
        if (values[c] == 1f) {
          columns.add(c);
        }
      }
      // two consecutive columns (wrapping around) are kept
      assertThat(columns).hasSize(2);
      int a = columns.stream().findFirst().orElseThrow();
      int b = columns.stream().skip(1).findFirst().orElseThrow();
      assertThat(b - a == 1 || (a == 0 && b == 4)).as(columns.toString()).isTrue();
      // the same columns in every row, channel and example of the minibatch, and nothing else
      for (int n = 0; n < 4; n++) {
        for (int ch = 0; ch < 2; ch++) {
          for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 5; c++) {
              assertThat(values[((n * 2 + ch) * 3 + r) * 5 + c]).isEqualTo(columns.contains(c) ? 1f : 0f);
            }
          }
        }
      }
      kept.add(a * 10 + b);
    }
    assertThat(kept.stream().distinct().count()).as("positions drawn").isGreaterThan(2);
    // the same stream draws the same positions
    SplittableRandom again = new SplittableRandom(7);
    float[] a = new float[30];
    java.util.Arrays.fill(a, 1f);
    t.apply(FloatBuffer.wrap(a), 1, example, again);
    float[] b = new float[30];
    java.util.Arrays.fill(b, 1f);
    t.apply(FloatBuffer.wrap(b), 1, example, new SplittableRandom(7));
    assertThat(a).containsExactly(b);
  }

  @Test
  void aBandWiderThanTheImagesOrDataWithoutImagesIsAnError() {
    List<String> errors = new ArrayList<>();
    AblationInput input = new AblationInput();
    input.validate(column(30), Optional.of(new DataShape(new TensorShape(1, 28, 28), 10)),
        (p, m, h) -> errors.add(m + " (" + h + ")"));
    input.validate(column(2), Optional.of(new DataShape(TensorShape.vector(2), 2)), (p, m, h) -> errors.add(m));
    assertThat(errors).containsExactly(
        "column(size = 30) keeps more than the 28x28 image has (the size is at most 28)",
        "an ablation needs images; the data's examples are vectors of 2 values");
  }
}
