package org.nnx.storage;

/**
 * A value v in [0, 1] as k base-L digits, most significant first: q = round(v·(L^k − 1)) written
 * as digits d_1 … d_k (cell i at level d_i / (L − 1)); read by rounding each cell to its nearest
 * digit, so without noise the quantized value comes back exactly and a read error in a fine cell
 * costs less than one in a coarse cell.
 */
final class SplitCoding implements CellCoding {

  private final int cells;
  private final int levels;
  private final double steps;

  SplitCoding(int cells, int levels) {
    this.cells = cells;
    this.levels = levels;
    this.steps = Math.pow(levels, cells) - 1;
  }

  @Override
  public int cells() {
    return cells;
  }

  @Override
  public int levelsNeeded() {
    return levels;
  }

  @Override
  public void encode(double value, double[] out, int at) {
    long q = Math.round(Math.min(1, Math.max(0, value)) * steps);
    for (int i = cells - 1; i >= 0; i--) {
      out[at + i] = (double) (q % levels) / (levels - 1);
      q /= levels;
    }
  }

  @Override
  public double decode(double[] read, int at) {
    long q = 0;
    for (int i = 0; i < cells; i++) {
      long digit = Math.round(read[at + i] * (levels - 1));
      q = q * levels + Math.min(levels - 1, Math.max(0, digit));
    }
    return q / steps;
  }
}
