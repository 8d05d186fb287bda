package org.nnx.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AblationTest {

  @Test
  void positionsAndTheKeptPixelsWrapAroundTheEdge() {
    Ablation column = new Ablation(Ablation.Kind.COLUMN, 3);
    assertThat(column.positions(28, 28)).isEqualTo(28);
    assertThat(new Ablation(Ablation.Kind.ROW, 2).positions(5, 9)).isEqualTo(5);
    assertThat(new Ablation(Ablation.Kind.BLOCK, 2).positions(5, 9)).isEqualTo(45);
    // column 26 of 28 keeps columns 26, 27 and 0
    for (int c = 0; c < 28; c++) {
      assertThat(column.keeps(26, 4, c, 28, 28)).as("column " + c).isEqualTo(c == 26 || c == 27 || c == 0);
    }
    Ablation block = new Ablation(Ablation.Kind.BLOCK, 2);
    // corner (4, 8) of a 5 x 9 image keeps rows 4, 0 and columns 8, 0
    int corner = 4 * 9 + 8;
    assertThat(block.keeps(corner, 0, 0, 5, 9)).isTrue();
    assertThat(block.keeps(corner, 4, 8, 5, 9)).isTrue();
    assertThat(block.keeps(corner, 1, 0, 5, 9)).isFalse();
    assertThat(block.keeps(corner, 0, 1, 5, 9)).isFalse();
  }

  @Test
  void deltaIsThePapersFormula() {
    assertThat(new Ablation(Ablation.Kind.COLUMN, 2).delta(5)).isEqualTo(6);
    assertThat(new Ablation(Ablation.Kind.ROW, 4).delta(1)).isEqualTo(4);
    assertThat(new Ablation(Ablation.Kind.BLOCK, 5).delta(1)).isEqualTo(25);
    assertThat(new Ablation(Ablation.Kind.BLOCK, 3).delta(2)).isEqualTo(16);
    assertThatThrownBy(() -> new Ablation(Ablation.Kind.BLOCK, 3).delta(0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Every placement of an m x m patch touches at most Δ positions, and some placement touches min(Δ, positions). */
  @Test
  void aPatchTouchesAtMostDeltaPositionsAndTheBoundIsReached() {
    int h = 6;
    int w = 7;
    for (Ablation.Kind kind : Ablation.Kind.values()) {
      for (int size = 1; size <= 4; size++) {
        Ablation a = new Ablation(kind, size);
        for (int m = 1; m <= 4; m++) {
          long most = 0;
          for (int r0 = 0; r0 + m <= h; r0++) {
            for (int c0 = 0; c0 + m <= w; c0++) {
              long touched = 0;
              for (int p = 0; p < a.positions(h, w); p++) {
                boolean meets = false;
                for (int r = r0; r < r0 + m && !meets; r++) {
                  for (int c = c0; c < c0 + m && !meets; c++) {
                    meets = a.keeps(p, r, c, h, w);
                  }
                }
                touched += meets ? 1 : 0;
              }
              assertThat(touched).as(a.text() + " patch " + m + " at " + r0 + "," + c0).isLessThanOrEqualTo(a.delta(m));
              most = Math.max(most, touched);
            }
          }
          assertThat(most).as(a.text() + " patch " + m).isEqualTo(Math.min(a.delta(m), a.positions(h, w)));
        }
      }
    }
  }

  @Test
  void ablateGivesWhatCopyingAndApplyingGives() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(4);
    float[] image = new float[2 * 5 * 7];
    for (int i = 0; i < image.length; i++) {
      image[i] = (float) random.nextDouble();
    }
    for (Ablation.Kind kind : Ablation.Kind.values()) {
      for (int size = 1; size <= 5; size++) {
        Ablation a = new Ablation(kind, size);
        for (int p = 0; p < a.positions(5, 7); p++) {
          float[] expected = image.clone();
          a.apply(expected, 0, 1, 2, 5, 7, p);
          float[] actual = new float[image.length + 3];
          java.util.Arrays.fill(actual, 9f);
          a.ablate(image, 0, actual, 3, 2, 5, 7, p);
          assertThat(java.util.Arrays.copyOfRange(actual, 3, actual.length)).as(a.text() + " at " + p)
              .containsExactly(expected);
          assertThat(actual[0]).isEqualTo(9f);
        }
      }
    }
  }

  @Test
  void applyZeroesEveryChannelOutsideThePosition() {
    Ablation a = new Ablation(Ablation.Kind.ROW, 1);
    float[] images = new float[2 * 2 * 3 * 3];
    java.util.Arrays.fill(images, 1f);
    a.apply(images, 0, 2, 2, 3, 3, 1);
    for (int n = 0; n < 2; n++) {
      for (int ch = 0; ch < 2; ch++) {
        for (int r = 0; r < 3; r++) {
          for (int c = 0; c < 3; c++) {
            assertThat(images[((n * 2 + ch) * 3 + r) * 3 + c]).isEqualTo(r == 1 ? 1f : 0f);
          }
        }
      }
    }
  }
}
