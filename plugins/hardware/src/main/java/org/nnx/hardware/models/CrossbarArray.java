package org.nnx.hardware.models;

/**
 * How one crossbar's read step costs scale with its rows and columns: a first-order array model,
 * so that a search over {@code rows} and {@code cols} sees more than the number of crossbars.
 *
 * <p>The settings {@code read_latency}, {@code read_energy} and {@code adc_energy} describe a
 * crossbar of the reference size {@code R0 x C0} ({@code reference_rows}, {@code reference_cols},
 * 128 x 128 by default); a crossbar of {@code R x C} then costs, with {@code v = dac_bits} input bits
 * per step and {@code w = bits_per_cell}:
 *
 * <pre>
 *   b(R)        = ceil(log2(R (2^v - 1)(2^w - 1) + 1))       ADC bits that resolve every column sum
 *   t_step(R,C) = read_latency * b(R) / b(R0)  +  0.38 * wire_rc * (R^2 + C^2)
 *   e_step(R,C) = read_energy * (R C) / (R0 C0)             array energy of one read step
 *   e_conv(R)   = adc_energy * 2^(b(R) - b(R0))             one ADC conversion
 * </pre>
 *
 * <ul>
 *   <li><b>ADC resolution.</b> A column sums {@code R} products of a {@code v}-bit input slice and
 *       a {@code w}-bit cell, at most {@code R (2^v - 1)(2^w - 1)}; converting it without loss needs
 *       {@code b(R)} bits. The need for ADC bits to grow with the logarithm of the rows is the
 *       observation ISAAC builds on (A. Shafiee et al., ISCA 2016), where the ADCs dominate power.
 *   <li><b>ADC latency and energy.</b> A successive-approximation ADC takes one cycle per bit, so a
 *       read step, whose columns share a fixed number of ADCs each (a column multiplexer, as in
 *       NeuroSim: P.-Y. Chen, X. Peng, S. Yu, IEEE TCAD 2018), takes time proportional to {@code b};
 *       its energy per conversion grows as {@code 2^b} (the Walden figure of merit {@code E = F
 *       2^ENOB}: R. H. Walden, IEEE JSAC 1999).
 *   <li><b>Array energy.</b> Every cell of the selected rows conducts and every word- and bitline
 *       is charged during a read step: both grow with the number of cells {@code R C}.
 *   <li><b>Wires.</b> A word line spans {@code C} cells and a bit line {@code R}; as distributed RC
 *       lines their delay is {@code 0.38 r c n^2} for {@code n} cells of resistance {@code r} and
 *       capacitance {@code c} (the Elmore delay of a distributed line; J. M. Rabaey et al., Digital
 *       Integrated Circuits, 2003), {@code wire_rc = r c} per cell pitch. With the default {@code
 *       2.5 ohm x 0.2 fF} it adds 6 ps at 128 x 128 and 6 ns at 4096 x 4096: wires matter only
 *       for very large arrays, as the first-order model says.
 * </ul>
 *
 * At the reference size the model gives the settings exactly (plus the wires' picoseconds).
 */
final class CrossbarArray {

  /** The distributed-RC delay factor of a line charged from one end (Elmore). */
  static final double ELMORE = 0.38;

  private CrossbarArray() {}

  /**
   * The ADC resolution that converts every column sum of a crossbar without loss.
   *
   * @param rows rows of the crossbar, ≥ 1
   * @param dacBits input bits applied per read step, 1 to 16
   * @param bitsPerCell bits one cell stores, 1 to 16
   * @return {@code ceil(log2(rows (2^dacBits - 1)(2^bitsPerCell - 1) + 1))}, in bits
   */
  static int adcBits(long rows, int dacBits, int bitsPerCell) {
    double largest = rows * ((Math.pow(2, dacBits) - 1) * (Math.pow(2, bitsPerCell) - 1));
    int bits = (int) Math.ceil(Math.log(largest + 1) / Math.log(2));
    // log2 in floating point can land a hair below an exact power of two
    while (Math.pow(2, bits) < largest + 1) {
      bits++;
    }
    while (bits > 1 && Math.pow(2, bits - 1) >= largest + 1) {
      bits--;
    }
    return bits;
  }

  /**
   * The latency of one read step of a {@code rows x cols} crossbar, in seconds.
   *
   * @param readLatency the read step of a reference crossbar, in s
   * @param wireRc {@code r c} of one cell pitch of word or bit line, in s (0: wires ignored)
   */
  static double stepLatency(long rows, long cols, long referenceRows, int dacBits, int bitsPerCell,
      double readLatency, double wireRc) {
    double adc = readLatency * adcBits(rows, dacBits, bitsPerCell) / adcBits(referenceRows, dacBits, bitsPerCell);
    return adc + ELMORE * wireRc * ((double) rows * rows + (double) cols * cols);
  }

  /**
   * The array energy of one read step of a {@code rows x cols} crossbar, in joules.
   *
   * @param readEnergy the array energy of one read step of a reference crossbar, in J
   */
  static double stepEnergy(long rows, long cols, long referenceRows, long referenceCols, double readEnergy) {
    return readEnergy * ((double) rows * cols) / ((double) referenceRows * referenceCols);
  }

  /**
   * The energy of one ADC conversion on a crossbar of {@code rows}, in joules.
   *
   * @param adcEnergy one conversion on a reference crossbar, in J
   */
  static double conversionEnergy(long rows, long referenceRows, int dacBits, int bitsPerCell, double adcEnergy) {
    return adcEnergy * Math.pow(2, adcBits(rows, dacBits, bitsPerCell) - adcBits(referenceRows, dacBits, bitsPerCell));
  }
}
