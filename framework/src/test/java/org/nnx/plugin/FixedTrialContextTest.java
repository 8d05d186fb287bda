package org.nnx.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.param.Parameters;

class FixedTrialContextTest {

  private static final Network NETWORK = network();

  private static Network network() {
    NetworkBuilder b = new NetworkBuilder("toy", TensorShape.vector(2));
    b.add("fc", new Op.Dense(2, 3, true), 0);
    return b.build();
  }

  private static Dataset dataset() {
    Dataset.Split split = new Dataset.Split(new float[] {0, 1, 1, 0}, new int[] {0, 1});
    return new Dataset("pairs", TensorShape.vector(2), 2, split, split);
  }

  @Test
  void returnsTheValuesItIsGiven() {
    Parameters parameters = new Parameters(Map.of("width", 3L));
    Parameters training = new Parameters(Map.of("epochs", 2L));
    Dataset data = dataset();
    FixedTrialContext trial = FixedTrialContext.builder(NETWORK).experiment("study").index(4).repeat(1).seed(99)
        .architecture("mlp").family("dense_mlp").parameters(parameters).data(data).training(training).build();
    assertThat(trial.experiment()).isEqualTo("study");
    assertThat(trial.index()).isEqualTo(4);
    assertThat(trial.repeat()).isEqualTo(1);
    assertThat(trial.seed()).isEqualTo(99);
    assertThat(trial.architecture()).isEqualTo("mlp");
    assertThat(trial.family()).isEqualTo("dense_mlp");
    assertThat(trial.parameters()).isSameAs(parameters);
    assertThat(trial.network()).isSameAs(NETWORK);
    assertThat(trial.data()).isSameAs(data);
    assertThat(trial.training()).isSameAs(training);
  }

  @Test
  void defaultsNameTheNetworksFamilyAndLeaveOutData() {
    Parameters parameters = new Parameters(Map.of("width", 3L));
    FixedTrialContext trial = FixedTrialContext.of(NETWORK, parameters, 7);
    assertThat(trial.family()).isEqualTo("toy");
    assertThat(trial.architecture()).isEqualTo("toy");
    assertThat(trial.experiment()).isEqualTo("toy");
    assertThat(trial.index()).isZero();
    assertThat(trial.repeat()).isZero();
    assertThat(trial.seed()).isEqualTo(7);
    assertThat(trial.parameters()).isSameAs(parameters);
    assertThat(trial.training().asMap()).isEmpty();
    assertThatThrownBy(trial::data).isInstanceOf(IllegalStateException.class).hasMessageContaining("no data");

    FixedTrialContext bare = FixedTrialContext.of(NETWORK);
    assertThat(bare.seed()).isZero();
    assertThat(bare.parameters().asMap()).isEmpty();
  }

  @Test
  void callsTheDataSupplierOnlyWhenDataIsRead() {
    AtomicInteger loads = new AtomicInteger();
    Dataset data = dataset();
    FixedTrialContext trial = FixedTrialContext.builder(NETWORK).data(() -> {
      loads.incrementAndGet();
      return data;
    }).build();
    trial.network();
    trial.shared("x", () -> 1);
    assertThat(loads).hasValue(0);
    assertThat(trial.data()).isSameAs(data);
    assertThat(loads).hasValue(1);
  }

  @Test
  void computesEachSharedValueOnce() throws Exception {
    FixedTrialContext trial = FixedTrialContext.of(NETWORK);
    AtomicInteger computations = new AtomicInteger();
    Callable<Object> read = () -> trial.shared("model", () -> {
      computations.incrementAndGet();
      return new Object();
    });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> reads = pool.invokeAll(IntStream.range(0, 64).mapToObj(i -> read).toList());
      Object first = reads.get(0).get();
      for (Future<Object> r : reads) {
        assertThat(r.get()).isSameAs(first);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(computations).hasValue(1);
    assertThat(trial.<Object>shared("other", () -> "b")).isEqualTo("b");
    assertThat(FixedTrialContext.of(NETWORK).<Object>shared("model", () -> "fresh")).isEqualTo("fresh");
  }
}
