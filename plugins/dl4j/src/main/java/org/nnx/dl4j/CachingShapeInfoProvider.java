package org.nnx.dl4j;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;

/**
 * ND4J's CPU shape-information provider with a cache for the variant its array constructors call
 * ({@code shape, stride, element-wise stride, order, data type, empty}). ND4J M2.1's {@code
 * DirectShapeInfoProvider} caches only the other variant, so each array creation made a native call
 * and a new native buffer for its shape information.
 *
 * <p>A shape-information buffer depends only on these arguments and ND4J marks it constant (shared,
 * never written, never freed), as for the variant ND4J caches itself, so sharing it between arrays
 * is what ND4J already does. At most {@link #MAX_ENTRIES} entries are kept; beyond that new shapes
 * are built as before.
 */
public final class CachingShapeInfoProvider extends DirectShapeInfoProvider {

  /** The most shapes cached (a few hundred bytes each). */
  public static final int MAX_ENTRIES = 100_000;

  private final Map<Key, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();

  /** Creates an empty cache. */
  public CachingShapeInfoProvider() {}

  @Override
  public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
      char order, DataType dataType, boolean empty) {
    Key key = new Key(shape.clone(), stride.clone(), elementWiseStride, order, dataType, empty);
    Pair<DataBuffer, long[]> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Pair<DataBuffer, long[]> made = super.createShapeInformation(shape, stride, elementWiseStride, order, dataType,
        empty);
    if (cache.size() < MAX_ENTRIES) {
      Pair<DataBuffer, long[]> previous = cache.putIfAbsent(key, made);
      return previous != null ? previous : made;
    }
    return made;
  }

  /** The number of shapes cached. */
  public int size() {
    return cache.size();
  }

  private record Key(long[] shape, long[] stride, long ews, char order, DataType type, boolean empty) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && ews == k.ews && order == k.order && type == k.type && empty == k.empty
          && Arrays.equals(shape, k.shape) && Arrays.equals(stride, k.stride);
    }

    @Override
    public int hashCode() {
      return ((Arrays.hashCode(shape) * 31 + Arrays.hashCode(stride)) * 31 + Long.hashCode(ews)) * 31 + order
          + type.hashCode() * 7 + (empty ? 1 : 0);
    }
  }
}
