package org.nnx.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nnx.data.DataLocations;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option and the data search path it starts. */
final class DataOptions {

  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder searched first for data sets (then $NNX_DATA, then the cache ~/.cache/nnx).")
  Path dataDir;

  /** {@code --data}, then {@code $NNX_DATA}, then the cache {@code ~/.cache/nnx}. */
  DataLocations locations() {
    List<Path> search = new ArrayList<>();
    if (dataDir != null) {
      if (!java.nio.file.Files.isDirectory(dataDir)) {
        throw new BadOptionException("--data " + dataDir + ": no such folder (give the folder that holds the data"
            + " sets, or leave --data out to use $NNX_DATA and the cache ~/.cache/nnx)");
      }
      search.add(dataDir);
    }
    String env = System.getenv("NNX_DATA");
    if (env != null && !env.isBlank()) {
      search.add(Path.of(env));
    }
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "nnx");
    search.add(cache);
    return new DataLocations(search, cache);
  }
}
