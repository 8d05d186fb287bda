package org.nnx.hardware.models;

import java.util.List;
import org.nnx.hardware.CostModel;
import org.nnx.hardware.HardwareModel;
import org.nnx.param.Dimension;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * The hardware kind {@code crossbar}: in-memory computing on resistive crossbars, where each dense
 * or convolution layer's weights are stored in crossbar cells and a matrix-vector product is one
 * analog read per input-bit step (the class of accelerators FLASH co-designs for; cf. A. Shafiee et
 * al., "ISAAC", ISCA 2016, and the NeuroSim estimates of P.-Y. Chen, X. Peng, S. Yu, IEEE TCAD
 * 2018).
 *
 * <h2>Mapping</h2>
 *
 * A layer {@code l} (see {@link NodeWork.Matrix}) has {@code G_l} groups of {@code K_l x N_l}
 * weights ({@code K_l} inputs, the bias as one more row), applied at {@code M_l} positions. With
 * {@code s = ceil(weight_bits / bits_per_cell)} cells per weight (bit slices in adjacent columns):
 *
 * <pre>
 *   R_l = ceil(K_l / rows)                 crossbars stacked along the inputs (partial sums added digitally)
 *   C_l = ceil(N_l * s / cols)             crossbars side by side along the outputs
 *   X_l = G_l * R_l * C_l                  crossbars of the layer;   X = sum_l X_l
 * </pre>
 *
 * The network is <em>resident</em> when {@code X <= tiles}: every weight stays programmed. Otherwise
 * each inference programs every layer's crossbars again before using them.
 *
 * <h2>Latency, energy, area</h2>
 *
 * Inputs are applied bit-serially, {@code c = ceil(input_bits / dac_bits)} read steps per
 * matrix-vector product; layers run one after another; at most {@code tiles} crossbars work at
 * once, so a layer needs {@code p_l = ceil(X_l / tiles)} passes:
 *
 * <pre>
 *   t_l = p_l * M_l * c * read_latency  [+ p_l * rows * write_latency           if not resident]
 *   V_l = G_l * R_l * N_l * s                                                   ADC conversions per read step
 *   e_l = M_l * c * (X_l * read_energy + V_l * adc_energy)
 *                                       [+ G_l * K_l * N_l * s * write_energy   if not resident]
 *   T = sum_l t_l    E = sum_l e_l    A = min(X, tiles) * a_x,   a_x = crossbar_area, or rows * cols * cell_area
 * </pre>
 *
 * {@code read_latency} is one read step of a crossbar including its ADC conversions, {@code
 * read_energy} the array's energy for one read step and {@code adc_energy} one conversion, all three
 * for a crossbar of {@code reference_rows x reference_cols}; a crossbar of another size scales them
 * as {@link CrossbarArray} derives (ADC bits growing with the log of the rows, array energy with the
 * cells, wire delay with the square of the line lengths), so that {@code read_latency}, {@code
 * read_energy} and {@code adc_energy} above stand for those scaled values. {@code crossbar_area} is
 * one crossbar with its peripherals; with {@code cell_area > 0} a crossbar's area is {@code rows *
 * cols * cell_area} instead, so that it follows the crossbar's size when a search sweeps {@code rows}
 * and {@code cols}. Batch normalization, activations, pooling, additions, concatenations and gathers are
 * left to the digital periphery and assumed to overlap with the crossbar reads: they cost nothing
 * here (batch normalization folds into the weights). The defaults are illustrative, of the order of
 * published RRAM designs.
 */
public final class CrossbarModel implements HardwareModel {

  private static final List<ParameterSpec> PARAMETERS = List.of(
      ParameterSpec.optional("rows", ParamType.integer(1, 1 << 20), 128L, "rows (inputs) of one crossbar"),
      ParameterSpec.optional("cols", ParamType.integer(1, 1 << 20), 128L, "columns (outputs) of one crossbar"),
      ParameterSpec.optional("bits_per_cell", ParamType.integer(1, 16), 2L, "bits one cell stores"),
      ParameterSpec.optional("weight_bits", ParamType.integer(1, 32), 8L, "bits of one weight"),
      ParameterSpec.optional("input_bits", ParamType.integer(1, 32), 8L, "bits of one input activation"),
      ParameterSpec.optional("dac_bits", ParamType.integer(1, 16), 1L, "input bits applied per read step"),
      ParameterSpec.optional("tiles", ParamType.integer(1, 1L << 30), 64L,
          "crossbars on the chip (each with its converters); at most this many work at once"),
      ParameterSpec.optional("read_latency", ParamType.positive(Dimension.TIME), 100e-9,
          "one read step of a crossbar, conversions included"),
      ParameterSpec.optional("read_energy", ParamType.nonNegative(Dimension.ENERGY), 2e-12,
          "array energy of one read step of one crossbar"),
      ParameterSpec.optional("adc_energy", ParamType.nonNegative(Dimension.ENERGY), 1.5e-12, "one ADC conversion"),
      ParameterSpec.optional("crossbar_area", ParamType.positive(Dimension.AREA), 0.002e-6,
          "one crossbar with its peripherals"),
      ParameterSpec.optional("cell_area", ParamType.nonNegative(Dimension.AREA), 0.0,
          "when > 0, one crossbar's area is rows * cols * cell_area instead of crossbar_area (for swept sizes)"),
      ParameterSpec.optional("reference_rows", ParamType.integer(1, 1 << 20), 128L,
          "rows of the crossbar that read_latency, read_energy and adc_energy describe"),
      ParameterSpec.optional("reference_cols", ParamType.integer(1, 1 << 20), 128L,
          "columns of the crossbar that read_latency, read_energy and adc_energy describe"),
      ParameterSpec.optional("wire_rc", ParamType.nonNegative(Dimension.TIME), 5e-16,
          "resistance x capacitance of one cell pitch of word or bit line (2.5 ohm x 0.2 fF); 0 ignores wires"),
      ParameterSpec.optional("write_latency", ParamType.nonNegative(Dimension.TIME), 1e-6,
          "programming one row of a crossbar (only when the network is not resident)"),
      ParameterSpec.optional("write_energy", ParamType.nonNegative(Dimension.ENERGY), 10e-12,
          "programming one cell (only when the network is not resident)"));

  /** Creates the model; it has no state. */
  public CrossbarModel() {}

  /** Returns {@code "crossbar"}. */
  @Override
  public String kind() {
    return "crossbar";
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "in-memory computing: dense and convolution weights mapped onto rows x cols crossbars; latency, energy and"
        + " area from the mapping";
  }

  /** The settings listed in the class comment, with their defaults. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /** The crossbar cost model of checked settings. */
  @Override
  public CostModel configure(String target, Parameters s) {
    long rows = s.getLong("rows");
    long cols = s.getLong("cols");
    long r0 = s.getLong("reference_rows");
    int v = s.getInt("dac_bits");
    int w = s.getInt("bits_per_cell");
    return new CrossbarCostModel(rows, cols, w,
        s.getInt("weight_bits"), s.getInt("input_bits"), v, s.getLong("tiles"),
        CrossbarArray.stepLatency(rows, cols, r0, v, w, s.getDouble("read_latency"), s.getDouble("wire_rc")),
        CrossbarArray.stepEnergy(rows, cols, r0, s.getLong("reference_cols"), s.getDouble("read_energy")),
        CrossbarArray.conversionEnergy(rows, r0, v, w, s.getDouble("adc_energy")),
        s.getDouble("cell_area") > 0 ? s.getLong("rows") * s.getLong("cols") * s.getDouble("cell_area")
            : s.getDouble("crossbar_area"), s.getDouble("write_latency"), s.getDouble("write_energy"));
  }
}
