package org.nnx.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.model.InitialWeights;
import org.nnx.model.TrainingRun;

/** Trained models kept beside the result store: exact round trips, a disk budget, and broken files forgotten. */
class ModelStoreTest {

  @TempDir
  Path dir;

  private static TrainingRun run(int width, long seed) {
    NetworkBuilder b = new NetworkBuilder("t", new TensorShape(2, 4, 4));
    int c = b.add("c", new Op.Conv2d(2, width, 3, 1, 1, 1, true), 0);
    int n = b.add("n", new Op.BatchNorm(width), c);
    int g = b.add("g", new Op.GlobalAvgPool(), n);
    b.add("fc", new Op.Dense(width, 3, false), g);
    Network net = b.build();
    return new TrainingRun(InitialWeights.draw(net, seed), 0.25, 1.5, 1.25, 42, 600);
  }

  @Test
  void aKeptModelReadsBackExactly() throws Exception {
    try (ResultStore store = ResultStore.open(dir.resolve("nnx.db"))) {
      TrainingRun r = run(4, 1);
      assertThat(store.putModel("k1", r)).isTrue();
      TrainingRun back = store.lookupModel("k1").orElseThrow();
      assertThat(back.weights()).isEqualTo(r.weights());
      assertThat(back).isEqualTo(r);
      assertThat(store.lookupModel("other")).isEmpty();
      assertThat(Files.isRegularFile(store.modelFolder().resolve("k1.npz"))).isTrue();
    }
  }

  @Test
  void theBudgetDropsTheModelsUsedLongestAgo() throws Exception {
    try (ResultStore store = ResultStore.open(dir.resolve("nnx.db"))) {
      long one = modelBytes(store);
      store.modelBudget(2 * one + one / 2);
      store.putModel("a", run(4, 1));
      Thread.sleep(5);
      store.putModel("b", run(4, 2));
      Thread.sleep(5);
      store.lookupModel("a");
      Thread.sleep(5);
      store.putModel("c", run(4, 3));
      // b was used longest ago
      assertThat(store.lookupModel("b")).isEmpty();
      assertThat(store.lookupModel("a")).isPresent();
      assertThat(store.lookupModel("c")).isPresent();
      assertThat(store.modelUsage()[0]).isEqualTo(2);
      assertThat(Files.exists(store.modelFolder().resolve("b.npz"))).isFalse();
      assertThat(store.shrinkModels(0)).isEqualTo(2);
      assertThat(store.modelUsage()).containsExactly(0, 0);
      store.modelBudget(0);
      assertThat(store.putModel("d", run(4, 4))).as("larger than the budget").isFalse();
    }
  }

  private long modelBytes(ResultStore store) throws Exception {
    store.putModel("probe", run(4, 9));
    long bytes = store.modelUsage()[1];
    store.shrinkModels(0);
    return bytes;
  }

  @Test
  void aBrokenModelFileIsForgottenSoTheModelIsTrainedAgain() throws Exception {
    try (ResultStore store = ResultStore.open(dir.resolve("nnx.db"))) {
      store.putModel("k", run(4, 1));
      Path file = store.modelFolder().resolve("k.npz");
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      assertThat(store.lookupModel("k")).isEmpty();
      assertThat(store.modelUsage()[0]).isZero();
    }
  }

  /** A value that cannot be decoded (another version's, or damaged) is missing, so it is computed again. */
  @Test
  void anUndecodableValueIsComputedAgain() throws Exception {
    Path file = dir.resolve("values.db");
    try (ResultStore store = ResultStore.open(file)) {
      store.put("k", java.util.Map.of("a", 1.5));
      assertThat(store.lookup("k")).isPresent();
    }
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
      s.execute("UPDATE results SET value = 'Z:garbage' WHERE key = 'k'");
    }
    try (ResultStore store = ResultStore.open(file)) {
      assertThat(store.lookup("k")).isEmpty();
      store.put("k", java.util.Map.of("a", 2.5));
      assertThat(store.lookup("k").orElseThrow()).containsEntry("a", 2.5);
    }
  }

  @Test
  void aVersionOneStoreIsUpgradedKeepingItsRuns() throws Exception {
    Path file = dir.resolve("old.db");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        var s = c.createStatement()) {
      s.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute("CREATE TABLE runs (id TEXT PRIMARY KEY, experiment TEXT NOT NULL, file TEXT NOT NULL, dir TEXT NOT NULL,"
          + " started TEXT NOT NULL, finished TEXT, total INTEGER NOT NULL, done INTEGER NOT NULL, status TEXT NOT NULL)");
      s.execute("INSERT INTO meta VALUES ('schema', '1')");
      s.execute("INSERT INTO runs VALUES ('r', 'e', 'f.nnx', 'runs/r', '2026-01-01T00:00:00Z', null, 2, 2, 'done')");
    }
    try (ResultStore store = ResultStore.open(file)) {
      assertThat(store.runs()).singleElement().satisfies(r -> {
        assertThat(r.kind()).isEqualTo("experiment");
        assertThat(r.experiment()).isEqualTo("e");
      });
    }
  }
}
