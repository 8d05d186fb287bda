package org.nnx.hardware.models;

import java.util.ArrayList;
import java.util.List;
import org.nnx.hardware.Cost;
import org.nnx.hardware.CostModel;
import org.nnx.ir.Network;

/**
 * The cost model of a {@code crossbar} target: the mapping and equations of {@link
 * CrossbarModel}, with every setting in SI units.
 *
 * @param rows rows of one crossbar
 * @param cols columns of one crossbar
 * @param bitsPerCell bits one cell stores
 * @param weightBits bits of one weight
 * @param inputBits bits of one input activation
 * @param dacBits input bits per read step
 * @param tiles crossbars on the chip
 * @param readLatency seconds per read step
 * @param readEnergy joules per read step and crossbar
 * @param adcEnergy joules per conversion
 * @param crossbarArea square metres per crossbar (from {@code crossbar_area}, or {@code rows * cols *
 *     cell_area})
 * @param writeLatency seconds per programmed row
 * @param writeEnergy joules per programmed cell
 */
record CrossbarCostModel(long rows, long cols, int bitsPerCell, int weightBits, int inputBits, int dacBits,
    long tiles, double readLatency, double readEnergy, double adcEnergy, double crossbarArea, double writeLatency,
    double writeEnergy) implements CostModel {

  /**
   * How one layer is mapped.
   *
   * @param work the layer
   * @param rowTiles {@code R_l}, crossbars along the inputs
   * @param colTiles {@code C_l}, crossbars along the outputs
   * @param crossbars {@code X_l = G_l R_l C_l}
   */
  record Mapping(NodeWork work, long rowTiles, long colTiles, long crossbars) {}

  /** {@code s = ceil(weight_bits / bits_per_cell)}, cells per weight. */
  long slices() {
    return ceil(weightBits, bitsPerCell);
  }

  /** {@code c = ceil(input_bits / dac_bits)}, read steps per matrix-vector product. */
  long steps() {
    return ceil(inputBits, dacBits);
  }

  /** The mapping of every dense and convolution layer of {@code network}, in order. */
  List<Mapping> map(Network network) {
    List<Mapping> out = new ArrayList<>();
    for (NodeWork w : NodeWork.of(network)) {
      NodeWork.Matrix m = w.matrix();
      if (m == null) {
        continue;
      }
      long r = ceil(m.rows(), rows);
      long c = ceil(Math.multiplyExact(m.columns(), slices()), cols);
      out.add(new Mapping(w, r, c, Math.multiplyExact(m.groups(), Math.multiplyExact(r, c))));
    }
    return out;
  }

  /** {@code X}, the crossbars the whole network needs. */
  long crossbars(Network network) {
    return map(network).stream().mapToLong(Mapping::crossbars).sum();
  }

  @Override
  public Cost estimate(Network network) {
    List<Mapping> mappings = map(network);
    long total = mappings.stream().mapToLong(Mapping::crossbars).sum();
    boolean resident = total <= tiles;
    double area = Math.min(total, tiles) * crossbarArea;
    long s = slices();
    long c = steps();
    List<Cost.Layer> layers = new ArrayList<>();
    double latency = 0;
    double energy = 0;
    for (Mapping mp : mappings) {
      NodeWork.Matrix m = mp.work().matrix();
      long passes = ceil(mp.crossbars(), tiles);
      double reads = (double) m.positions() * c;
      double t = passes * reads * readLatency;
      double conversions = (double) m.groups() * mp.rowTiles() * m.columns() * s;
      double e = reads * (mp.crossbars() * readEnergy + conversions * adcEnergy);
      if (!resident) {
        t += passes * rows * writeLatency;
        e += (double) m.groups() * m.rows() * m.columns() * s * writeEnergy;
      }
      layers.add(new Cost.Layer(mp.work().node(), t, e, total == 0 ? 0 : area * mp.crossbars() / total));
      latency += t;
      energy += e;
    }
    return new Cost(latency, energy, area, layers);
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }
}
