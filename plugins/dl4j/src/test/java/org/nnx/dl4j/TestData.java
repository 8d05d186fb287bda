package org.nnx.dl4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.nnx.data.DataLocations;
import org.nnx.data.Dataset;
import org.nnx.datasets.MnistProvider;
import org.nnx.datasets.SyntheticProvider;
import org.nnx.param.Parameters;

/** Data sets for tests, loaded once. */
final class TestData {

  private static Dataset mnist;

  private TestData() {}

  /**
   * The NN-Mass synthetic circle data with {@code segments} label segments: the authors' files,
   * which the datasets plugin carries in its jar.
   */
  static Dataset synthetic(int segments) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("shape", "circle");
    options.put("segments", (long) segments);
    Path none = Path.of(System.getProperty("java.io.tmpdir"), "nnx-dl4j-test-no-data");
    try {
      return new SyntheticProvider().load(new Parameters(options), new DataLocations(List.of(), none));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** MNIST from {@code ~/.cache/nnx}; the calling test is skipped when it is not there. */
  static synchronized Dataset mnist() {
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "nnx");
    Assumptions.assumeTrue(Files.isRegularFile(cache.resolve("mnist").resolve("t10k-images-idx3-ubyte")),
        "MNIST is not in ~/.cache/nnx (./nnx data fetch mnist)");
    if (mnist == null) {
      try {
        mnist = new MnistProvider().load(new Parameters(Map.of()), new DataLocations(List.of(cache), cache));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return mnist;
  }
}
