package org.nnx.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The folders searched for data files, in order: {@code --data DIR}, {@code $NNX_DATA}, then the
 * cache ({@code ~/.cache/nnx/}), which {@code nnx data fetch} fills.
 *
 * @param searchPath folders to search, in order
 * @param cache the cache folder, last in {@code searchPath}
 */
public record DataLocations(List<Path> searchPath, Path cache) {

  public DataLocations {
    searchPath = List.copyOf(searchPath);
  }
}
