package org.nnx.smoothing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CertificateTest {

  @Test
  void tiesGoToTheLowerClassIndex() {
    Certificate c = Certificate.of(new int[] {3, 3, 1});
    assertThat(c.top()).isZero();
    assertThat(c.runnerUp()).isEqualTo(1);
    assertThat(c.certified(0)).isTrue();
    Certificate d = Certificate.of(new int[] {1, 3, 3});
    assertThat(d.top()).isEqualTo(1);
    assertThat(d.runnerUp()).isEqualTo(2);
    Certificate e = Certificate.of(new int[] {0, 0, 0});
    assertThat(e.top()).isZero();
    assertThat(e.runnerUp()).isEqualTo(1);
  }

  @Test
  void certifiedWhenTheGapExceedsTwiceDeltaOrEqualsItWithTheLowerIndex() {
    assertThat(Certificate.of(new int[] {10, 3}).certified(3)).isTrue(); // gap 7 > 6
    assertThat(Certificate.of(new int[] {9, 3}).certified(3)).isTrue(); // gap 6 = 6, top 0 < 1
    assertThat(Certificate.of(new int[] {3, 9}).certified(3)).isFalse(); // gap 6 = 6, top 1 > 0
    assertThat(Certificate.of(new int[] {8, 3}).certified(3)).isFalse();
  }

  /**
   * The worst case on the vote counts, enumerated: positions vote for any subset of the classes;
   * an adversary who controls Δ positions replaces their votes with any subsets. Whenever the
   * certificate holds, no choice of positions and subsets changes the prediction.
   */
  @Test
  void noAdversaryOfDeltaPositionsChangesACertifiedPrediction() {
    SplittableRandom random = new SplittableRandom(11);
    int positions = 6;
    int classes = 3;
    int subsets = 1 << classes;
    int certifiedCases = 0;
    for (int trial = 0; trial < 400; trial++) {
      int[] votedBy = new int[positions];
      for (int p = 0; p < positions; p++) {
        // mostly class 0, so that many cases certify
        votedBy[p] = random.nextInt(4) == 0 ? random.nextInt(subsets) : 1;
      }
      int[] votes = count(votedBy, classes);
      Certificate c = Certificate.of(votes);
      for (int delta = 0; delta <= 2; delta++) {
        if (!c.certified(delta)) {
          continue;
        }
        certifiedCases++;
        for (int chosen = 0; chosen < 1 << positions; chosen++) {
          if (Integer.bitCount(chosen) > delta) {
            continue;
          }
          assertUnchanged(votedBy, chosen, 0, classes, c.top());
        }
      }
    }
    assertThat(certifiedCases).isGreaterThan(50);
  }

  private static void assertUnchanged(int[] votedBy, int chosen, int from, int classes, int top) {
    int p = from;
    while (p < votedBy.length && (chosen & (1 << p)) == 0) {
      p++;
    }
    if (p == votedBy.length) {
      assertThat(Certificate.of(count(votedBy, classes)).top()).isEqualTo(top);
      return;
    }
    int saved = votedBy[p];
    for (int subset = 0; subset < 1 << classes; subset++) {
      votedBy[p] = subset;
      assertUnchanged(votedBy, chosen, p + 1, classes, top);
    }
    votedBy[p] = saved;
  }

  private static int[] count(int[] votedBy, int classes) {
    int[] votes = new int[classes];
    for (int v : votedBy) {
      for (int k = 0; k < classes; k++) {
        votes[k] += (v >> k) & 1;
      }
    }
    return votes;
  }
}
