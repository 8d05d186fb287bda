package org.nnx.ir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LongRangeLinksTest {

  /** The counts of {@code tooLarge}, by a plain loop over the layers as the builders add them. */
  private static long[] counted(int depth, int width, int tc) {
    long reads = 0;
    long links = 0;
    int[] t = LongRangeLinks.longRange(depth, width, tc);
    for (int i = 2; i < depth; i++) {
      reads += i - 1; // every layer i >= 2 takes links here (tc > 0): its gather reads layers 0..i-2
      links += t[i];
    }
    return new long[] {reads, links};
  }

  @Test
  void theLimitsAreTheBuildersCountsAndRefuseOnlyBeyondThem() {
    for (int[] c : new int[][] {{3, 1, 1}, {10, 4, 3}, {100, 8, 1000}, {5794, 1, 1}, {5795, 1, 1}, {5000, 4000, 4000}}) {
      long[] n = counted(c[0], c[1], c[2]);
      boolean over = n[0] > LongRangeLinks.MAX_GATHERED || n[1] > LongRangeLinks.MAX_GATHERED;
      assertThat(LongRangeLinks.tooLarge(c[0], c[1], c[2]) != null).as(java.util.Arrays.toString(c)).isEqualTo(over);
    }
    // 5,794 layers read 16,776,528 earlier layers, 5,795 read 16,782,321: the bound 2^24 lies between
    assertThat(LongRangeLinks.tooLarge(5794, 1, 1)).isNull();
    assertThat(LongRangeLinks.tooLarge(5795, 1, 1)).contains("quadratic in the depth");
    // no links, no limit; sizes far past int and long stay refusals, never overflow
    assertThat(LongRangeLinks.tooLarge(100_000, 8, 0)).isNull();
    assertThat(LongRangeLinks.tooLarge(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)).contains("more than nnx builds");
    assertThat(LongRangeLinks.tooLarge(4, 1L << 40, 1L << 40)).contains("takes 2.20e+12 long-range links");
  }
}
