package org.nnx.storage;

/**
 * How one normalized value in [0, 1] becomes the values of one or more cells and back: the cell
 * coding slot of a {@link CodePlan}.
 */
public interface CellCoding {

  /** Cells per value, at least 1. */
  int cells();

  /** Levels each cell must distinguish (0: any channel will do). */
  int levelsNeeded();

  /** Writes the cell values of {@code value} into {@code cells[at .. at + cells() − 1]}. */
  void encode(double value, double[] cells, int at);

  /** The value that the read cells {@code read[at .. at + cells() − 1]} hold, in [0, 1]. */
  double decode(double[] read, int at);

  /** One cell holding the value itself. */
  CellCoding DIRECT = new CellCoding() {
    @Override
    public int cells() {
      return 1;
    }

    @Override
    public int levelsNeeded() {
      return 0;
    }

    @Override
    public void encode(double value, double[] cells, int at) {
      cells[at] = value;
    }

    @Override
    public double decode(double[] read, int at) {
      return Math.min(1, Math.max(0, read[at]));
    }
  };
}
