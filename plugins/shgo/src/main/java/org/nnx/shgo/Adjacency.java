package org.nnx.shgo;

import java.util.Arrays;

/**
 * The 1-skeleton of a simplicial complex: for each vertex, the sorted vertices it shares an edge
 * with (its neighbours, whose union with the vertex is the vertex set of its star). Stored in
 * compressed rows.
 */
final class Adjacency {

  private final int[] offsets;
  private final int[] targets;

  private Adjacency(int[] offsets, int[] targets) {
    this.offsets = offsets;
    this.targets = targets;
  }

  /** Collects undirected edges, then builds the adjacency. */
  static final class Builder {
    private final int vertices;
    private long[] edges = new long[64];
    private int count;

    Builder(int vertices) {
      this.vertices = vertices;
    }

    /** Adds the edge {@code {a, b}}; duplicates and loops are ignored. */
    void add(int a, int b) {
      if (a == b) {
        return;
      }
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      if (count == edges.length) {
        edges = Arrays.copyOf(edges, 2 * count);
      }
      edges[count++] = ((long) lo << 32) | hi;
    }

    Adjacency build() {
      long[] e = Arrays.copyOf(edges, count);
      Arrays.sort(e);
      int unique = 0;
      for (int i = 0; i < e.length; i++) {
        if (i == 0 || e[i] != e[i - 1]) {
          e[unique++] = e[i];
        }
      }
      int[] degree = new int[vertices + 1];
      for (int i = 0; i < unique; i++) {
        degree[(int) (e[i] >>> 32)]++;
        degree[(int) e[i]]++;
      }
      int[] offsets = new int[vertices + 1];
      for (int v = 0; v < vertices; v++) {
        offsets[v + 1] = offsets[v] + degree[v];
      }
      int[] fill = Arrays.copyOf(offsets, vertices);
      int[] targets = new int[offsets[vertices]];
      for (int i = 0; i < unique; i++) {
        int a = (int) (e[i] >>> 32);
        int b = (int) e[i];
        targets[fill[a]++] = b;
        targets[fill[b]++] = a;
      }
      for (int v = 0; v < vertices; v++) {
        Arrays.sort(targets, offsets[v], offsets[v + 1]);
      }
      return new Adjacency(offsets, targets);
    }
  }

  /** The complete graph on {@code vertices} vertices. */
  static Adjacency complete(int vertices) {
    Builder b = new Builder(vertices);
    for (int i = 0; i < vertices; i++) {
      for (int j = i + 1; j < vertices; j++) {
        b.add(i, j);
      }
    }
    return b.build();
  }

  /** The number of vertices. */
  int size() {
    return offsets.length - 1;
  }

  /** The neighbours of {@code v}, sorted. */
  int[] neighbours(int v) {
    return Arrays.copyOfRange(targets, offsets[v], offsets[v + 1]);
  }

  /** The number of neighbours of {@code v}. */
  int degree(int v) {
    return offsets[v + 1] - offsets[v];
  }

  /** Whether {@code a} and {@code b} share an edge. */
  boolean connected(int a, int b) {
    return Arrays.binarySearch(targets, offsets[a], offsets[a + 1], b) >= 0;
  }

  /** The number of edges. */
  int edges() {
    return targets.length / 2;
  }
}
