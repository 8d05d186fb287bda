package org.nnx.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.syntax.Location;

class MemoryNeedTest {

  /** 10 -> dense(20) -> relu -> dense(3): counted by hand. */
  private static Network small() {
    NetworkBuilder b = new NetworkBuilder("t", TensorShape.vector(10));
    int d1 = b.add("d1", new Op.Dense(10, 20, true), 0);
    int a = b.add("a", new Op.Act(org.nnx.ir.Activation.RELU), d1);
    b.add("d2", new Op.Dense(20, 3, true), a);
    return b.build();
  }

  @Test
  void theEstimateIsTheDocumentedFormula() {
    long p = 10 * 20 + 20 + 20 * 3 + 3;
    long outputs = 10 + 20 + 20 + 3; // the input node's values count: they are held for the batch too
    assertThat(small().parameters()).isEqualTo(p);
    assertThat(MemoryNeed.estimate(small(), 32, 0)).isEqualTo(16 * p + 8 * 32 * outputs);
    assertThat(MemoryNeed.estimate(small(), 0, 100)).isEqualTo(8 * p + 8 * 100 * outputs);
    assertThat(MemoryNeed.estimate(small(), 32, 100)).isEqualTo(8 * p + 8 * 100 * outputs);
    assertThat(MemoryNeed.estimate(small(), 0, 0)).isZero();
  }

  @Test
  void aNeedBeyondTheHeapIsALocatedRefusalWithTheHeapHint() {
    Location at = new Location("f.nnx", 3, 24);
    assertThat(new MemoryNeed(1L << 30, "net", at).check(2L << 30)).isEmpty();
    String message = new MemoryNeed(3L << 30, "net: mlp(width = 9)", at).check(1L << 30).orElseThrow().format();
    assertThat(message).startsWith("f.nnx:3:24: error: net: mlp(width = 9) needs about 3.0 GiB of heap per trial"
        + " repeat").contains("more than this JVM's 1.0 GiB");
    // more than any machine: no -Xmx would do
    String huge = new MemoryNeed(Long.MAX_VALUE, "net", at).check(1L << 30).orElseThrow().format();
    assertThat(huge).contains("choose a smaller network").doesNotContain("-Xmx");
  }
}
