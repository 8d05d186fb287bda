package org.nnx.storage;

import java.util.SplittableRandom;

/**
 * A configured {@link StorageChannel}: cells that hold values in [0, 1] (the cell's full range,
 * e.g. zero to the largest programmable conductance) and return them with noise when read.
 */
public interface CellModel {

  /**
   * How many distinguishable levels a cell has: the values a write can set are {@code i / (L − 1)},
   * {@code i = 0 .. L − 1}; 0 for a continuous range (any value in [0, 1] can be written).
   */
  int levels();

  /**
   * Writes every value of {@code written} into its own cell once and reads each cell once.
   *
   * @param written values in [0, 1]; on a channel with levels, a value between two levels is written
   *     at the nearer one
   * @param read receives what the cells return, same length (may leave [0, 1] by noise)
   * @param random the draw's random numbers (cells are read in index order)
   */
  void writeAndRead(double[] written, double[] read, SplittableRandom random);

  /** The level nearest to {@code x} in [0, 1] on a channel with {@code levels} levels (x itself when 0). */
  static double nearestLevel(double x, int levels) {
    double clipped = Math.min(1, Math.max(0, x));
    if (levels == 0) {
      return clipped;
    }
    return Math.rint(clipped * (levels - 1)) / (levels - 1);
  }
}
