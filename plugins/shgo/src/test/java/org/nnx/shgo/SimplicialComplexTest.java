package org.nnx.shgo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimplicialComplexTest {

  private static int find(SimplicialComplex c, double... x) {
    for (int v = 0; v < c.size(); v++) {
      if (java.util.Arrays.equals(c.unitPoint(v), x)) {
        return v;
      }
    }
    throw new AssertionError("no vertex at " + java.util.Arrays.toString(x));
  }

  @Test
  void initialComplexIsTheCubeAndItsCentre() {
    SimplicialComplex c = new SimplicialComplex(3);
    assertThat(c.refine(0)).isEqualTo(9);
    Adjacency a = c.adjacency();
    int centre = find(c, 0.5, 0.5, 0.5);
    int origin = find(c, 0, 0, 0);
    int top = find(c, 1, 1, 1);
    assertThat(a.degree(centre)).isEqualTo(8);
    assertThat(a.connected(origin, top)).as("the split diagonal").isFalse();
    assertThat(a.degree(origin)).isEqualTo(7); // 6 corners + centre
    // Kuhn triangulation: (1,0,0) and (0,1,0) are not comparable, so not joined
    assertThat(a.connected(find(c, 1, 0, 0), find(c, 0, 1, 0))).isFalse();
    assertThat(a.connected(find(c, 1, 0, 0), find(c, 1, 1, 0))).isTrue();
  }

  @Test
  void generationsInTwoDimensionsFormAConformingTriangulation() {
    SimplicialComplex c = new SimplicialComplex(2);
    c.refine(0);
    for (int k = 1; k <= 3; k++) {
      c.refine(0);
      int cells = 1 << (2 * k);
      int side = (1 << k) + 1;
      assertThat(c.cells()).isEqualTo(cells);
      assertThat(c.size()).isEqualTo(side * side + cells);
      // Euler's formula for a triangulated disk, 4 triangles per cell: V - E + F = 1
      int triangles = 4 * cells;
      assertThat(c.adjacency().edges()).isEqualTo(c.size() + triangles - 1);
    }
  }

  @Test
  void refinedCellsMirrorAcrossTheirFaces() {
    SimplicialComplex c = new SimplicialComplex(2);
    c.refine(0);
    c.refine(0);
    Adjacency a = c.adjacency();
    int centre = find(c, 0.5, 0.5);
    // Union Jack: the old centre joins the four edge midpoints and the four child centres only
    assertThat(a.degree(centre)).isEqualTo(8);
    assertThat(a.connected(centre, find(c, 0.5, 0))).isTrue();
    assertThat(a.connected(centre, find(c, 0.25, 0.75))).isTrue();
    assertThat(a.connected(centre, find(c, 1, 1))).isFalse();
  }

  @Test
  void partialRefinementAddsAtLeastTheRequestedPoints() {
    SimplicialComplex c = new SimplicialComplex(1);
    assertThat(c.refine(200)).isGreaterThanOrEqualTo(200);
    int before = c.size();
    assertThat(c.refine(200)).isGreaterThanOrEqualTo(200);
    assertThat(c.size() - before).isLessThan(203);
    assertThat(c.adjacency().edges()).isEqualTo(c.size() - 1); // a chain in one dimension
  }

  @Test
  void tooManyDimensionsAreRejected() {
    assertThatThrownBy(() -> new SimplicialComplex(SimplicialComplex.MAX_DIMENSION + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sobol");
  }
}
