package org.nnx.shgo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simplicial sampling complex of SHGO over the unit hypercube {@code [0, 1]^d} (Endres,
 * Sandrock and Focke, J. Global Optim. 72 (2018) 181-217, section 3; SciPy's {@code
 * sampling_method='simplicial'}).
 *
 * <p>The complex is a set of leaf cells, boxes each triangulated the same way: the Kuhn
 * (Freudenthal) triangulation along the box's main diagonal from its {@code origin} corner to its
 * {@code supremum} corner, with that diagonal split at the box centroid. Its edges join corners
 * whose 0/1 labels are ordered componentwise (except the diagonal itself) and the centroid to
 * every corner. The initial complex is the whole cube: {@code 2^d + 1} vertices. Refining a cell
 * splits it at its centroid into {@code 2^d} children, each with its diagonal from the parent's
 * centroid to one parent corner; so neighbouring cells are mirror images across their common face
 * and their triangulations agree there (the "Union Jack" pattern), as in the paper's construction.
 *
 * <p>Cells are refined breadth first. A caller that needs only {@code k} new vertices may stop in
 * the middle of a generation; the complex is then non-conforming along the boundary between
 * refined and unrefined cells (vertices on a coarse cell's face are joined to the fine side only),
 * which only changes which vertices the minimizer test compares.
 *
 * <p>Coordinates are exact dyadic integers in {@code [0, 2^40]}, so vertices shared by cells are
 * identified exactly.
 */
final class SimplicialComplex {

  /** The largest dimension supported: the initial complex alone has {@code 2^d + 1} vertices. */
  static final int MAX_DIMENSION = 24;

  private static final int BITS = 40;
  private static final long FULL = 1L << BITS;

  private final int d;
  private final int corners;
  private final List<long[]> coordinates = new ArrayList<>();
  private final Map<Key, Integer> index = new HashMap<>();
  private final ArrayDeque<long[][]> leaves = new ArrayDeque<>();
  private boolean initialized;

  /**
   * An empty complex.
   *
   * @param dimension the dimension d, in {@code [1, MAX_DIMENSION]}
   */
  SimplicialComplex(int dimension) {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "simplicial sampling needs 2^d + 1 points and supports 1 to "
              + MAX_DIMENSION
              + " free variables, not "
              + dimension
              + "; use sampling = sobol");
    }
    this.d = dimension;
    this.corners = 1 << dimension;
  }

  /** The number of vertices. */
  int size() {
    return coordinates.size();
  }

  /** The number of leaf cells. */
  int cells() {
    return leaves.size();
  }

  /**
   * The coordinates of vertex {@code v} in the unit cube.
   *
   * @param v a vertex index in {@code [0, size())}
   */
  double[] unitPoint(int v) {
    long[] c = coordinates.get(v);
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = c[i] / (double) FULL;
    }
    return x;
  }

  /**
   * Grows the complex. The first call builds the initial triangulation of the cube; later calls
   * split leaf cells, oldest first.
   *
   * @param minNew with {@code minNew <= 0}: the first call builds only the initial complex and
   *     later calls split every current leaf cell (one generation); with {@code minNew > 0}: cells
   *     are split, after the initial triangulation if it is new, until at least {@code minNew}
   *     vertices were added or no cell can be split
   * @return the number of vertices added
   */
  int refine(int minNew) {
    int before = size();
    if (!initialized) {
      initialize();
      if (minNew <= 0) {
        return size() - before;
      }
    } else if (minNew <= 0) {
      int generation = leaves.size();
      for (int i = 0; i < generation && !leaves.isEmpty(); i++) {
        split(leaves.poll());
      }
      return size() - before;
    }
    while (size() - before < minNew && !leaves.isEmpty()) {
      split(leaves.poll());
    }
    return size() - before;
  }

  private void initialize() {
    long[] origin = new long[d];
    long[] supremum = new long[d];
    Arrays.fill(supremum, FULL);
    addCellVertices(origin, supremum);
    leaves.add(new long[][] {origin, supremum});
    initialized = true;
  }

  /** Splits one cell into its 2^d children; a cell at the resolution limit is dropped. */
  private void split(long[][] cell) {
    long[] o = cell[0];
    long[] s = cell[1];
    for (int i = 0; i < d; i++) {
      if (Math.abs(s[i] - o[i]) < 4) {
        return;
      }
    }
    long[] c = midpoint(o, s);
    for (int b = 0; b < corners; b++) {
      long[] corner = corner(o, s, b);
      addCellVertices(c, corner);
      leaves.add(new long[][] {c, corner});
    }
  }

  private void addCellVertices(long[] o, long[] s) {
    for (int b = 0; b < corners; b++) {
      vertex(corner(o, s, b));
    }
    vertex(midpoint(o, s));
  }

  private long[] corner(long[] o, long[] s, int mask) {
    long[] x = new long[d];
    for (int i = 0; i < d; i++) {
      x[i] = ((mask >>> i) & 1) == 0 ? o[i] : s[i];
    }
    return x;
  }

  private long[] midpoint(long[] a, long[] b) {
    long[] m = new long[d];
    for (int i = 0; i < d; i++) {
      m[i] = (a[i] + b[i]) >>> 1;
    }
    return m;
  }

  private int vertex(long[] x) {
    Key key = new Key(x);
    Integer id = index.get(key);
    if (id != null) {
      return id;
    }
    int v = coordinates.size();
    coordinates.add(x);
    index.put(key, v);
    return v;
  }

  /**
   * The edges of every leaf cell's triangulation.
   *
   * @return the adjacency of all {@link #size()} vertices
   */
  Adjacency adjacency() {
    Adjacency.Builder builder = new Adjacency.Builder(size());
    int[] ids = new int[corners];
    int full = corners - 1;
    for (long[][] cell : leaves) {
      for (int b = 0; b < corners; b++) {
        ids[b] = index.get(new Key(corner(cell[0], cell[1], b)));
      }
      int centroid = index.get(new Key(midpoint(cell[0], cell[1])));
      for (int b = 0; b < corners; b++) {
        builder.add(centroid, ids[b]);
        int complement = full & ~b;
        for (int sub = complement; sub > 0; sub = (sub - 1) & complement) {
          int sup = b | sub;
          if (b == 0 && sup == full) {
            continue; // the diagonal, split by the centroid
          }
          builder.add(ids[b], ids[sup]);
        }
      }
    }
    return builder.build();
  }

  /** An exact vertex key. */
  private static final class Key {
    private final long[] x;
    private final int hash;

    Key(long[] x) {
      this.x = x;
      this.hash = Arrays.hashCode(x);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(x, k.x);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
