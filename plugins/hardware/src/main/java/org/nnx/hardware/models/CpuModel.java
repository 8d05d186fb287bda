package org.nnx.hardware.models;

import java.util.List;
import java.util.Map;
import org.nnx.hardware.CostModel;
import org.nnx.hardware.HardwareModel;
import org.nnx.param.Dimension;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * The hardware kind {@code cpu}: a processor running one layer after another, each bounded by
 * compute or by memory traffic (the roofline model: S. Williams, A. Waterman, D. Patterson,
 * "Roofline: an insightful visual performance model for multicore architectures", CACM 52(4),
 * 2009), plus a fixed overhead per layer.
 *
 * <p>For each node {@code n} doing work (see {@link NodeWork}), with {@code F_n} FLOPs and {@code
 * Q_n = bytes_per_value * (W_n + A_n)} bytes of weights {@code W_n} and activations {@code A_n}:
 *
 * <pre>
 *   P     = cores * clock * flops_per_cycle                                 peak FLOP/s
 *   t_n   = layer_overhead + max(F_n / P, Q_n / memory_bandwidth)           seconds
 *   T     = sum_n t_n                                                       latency(T), seconds
 *   E     = sum_n (F_n * energy_per_flop + Q_n * energy_per_byte) + static_power * T    energy(T), joules
 *   A     = area                                                            area(T), square metres
 * </pre>
 *
 * The default energies are 45 nm figures of M. Horowitz, "Computing's energy problem (and what we
 * can do about it)", ISSCC 2014: a 32-bit floating-point multiply and add cost 3.7 + 0.9 pJ (2.3 pJ
 * per FLOP), a 32-bit DRAM read about 640 pJ (160 pJ per byte). Every default is illustrative; set
 * the values of the processor at hand.
 *
 * <p>{@code calibrate = measured} replaces {@code layer_overhead}, {@code 1/P} and {@code
 * 1/memory_bandwidth} by coefficients fitted to inference times measured on this machine, in the
 * additive form {@code t_n = t_0 + F_n s_F + Q_n s_Q} (see {@link CpuCalibration}); the energy
 * coefficients stay those of the block.
 */
public final class CpuModel implements HardwareModel {

  private static final List<ParameterSpec> PARAMETERS = List.of(
      ParameterSpec.optional("cores", ParamType.integer(1, 4096), 1L, "cores working on one inference"),
      ParameterSpec.optional("clock", ParamType.positive(Dimension.FREQUENCY), 1e9, "clock frequency"),
      ParameterSpec.optional("flops_per_cycle", ParamType.realAbove(0), 2.0,
          "FLOPs per cycle and core (2 = one fused multiply-add; SIMD units give more)"),
      ParameterSpec.optional("memory_bandwidth", ParamType.positive(Dimension.BANDWIDTH), 10e9,
          "sustained memory bandwidth"),
      ParameterSpec.optional("layer_overhead", ParamType.nonNegative(Dimension.TIME), 1e-6,
          "fixed time per layer (dispatch, synchronization)"),
      ParameterSpec.optional("bytes_per_value", ParamType.integer(1, 8), 4L, "bytes per weight and activation (4 = float32)"),
      ParameterSpec.optional("energy_per_flop", ParamType.nonNegative(Dimension.ENERGY), 2.3e-12,
          "energy of one FLOP (Horowitz 2014, 45 nm float32)"),
      ParameterSpec.optional("energy_per_byte", ParamType.nonNegative(Dimension.ENERGY), 160e-12,
          "energy of moving one byte from memory (Horowitz 2014, DRAM)"),
      ParameterSpec.optional("static_power", ParamType.nonNegative(Dimension.POWER), 0.0,
          "power drawn while an inference runs, besides the per-FLOP and per-byte energy"),
      ParameterSpec.optional("area", ParamType.nonNegative(Dimension.AREA), 0.0,
          "chip area reported by area(T); not derived by the model"),
      ParameterSpec.optional("calibrate", ParamType.choice("none", "measured"), "none",
          "measured: fit the latency coefficients to inference timed on this machine"),
      ParameterSpec.optional("calibration_networks", ParamType.integer(4, 10_000), 24L,
          "sampled networks the coefficients are fitted on"),
      ParameterSpec.optional("holdout_networks", ParamType.integer(1, 10_000), 12L,
          "further sampled networks the fit error (MAPE) is reported on"),
      ParameterSpec.optional("calibration_seed", ParamType.integer(Long.MIN_VALUE, Long.MAX_VALUE), 0L,
          "seed of the sampled networks and their weights"));

  /** Creates the model; it has no state. */
  public CpuModel() {}

  /** Returns {@code "cpu"}. */
  @Override
  public String kind() {
    return "cpu";
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "processor: per-layer roofline over FLOPs and bytes with a per-layer overhead; calibrate = measured fits it"
        + " to inference timed on this machine";
  }

  /** The settings listed in the class comment, with their defaults. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * The analytical model of the settings, or with {@code calibrate = measured} the model fitted to
   * measurements on this machine (which takes a few seconds).
   */
  @Override
  public CostModel configure(String target, Parameters s) {
    CpuCostModel analytical = analytical(s);
    if (s.getString("calibrate").equals("measured")) {
      return CpuCalibration.calibrate(target, analytical, s.getInt("calibration_networks"),
          s.getInt("holdout_networks"), s.getLong("calibration_seed")).model();
    }
    return analytical;
  }

  /** The uncalibrated roofline model of checked settings. */
  static CpuCostModel analytical(Parameters s) {
    double peak = s.getLong("cores") * s.getDouble("clock") * s.getDouble("flops_per_cycle");
    return new CpuCostModel(s.getDouble("layer_overhead"), 1 / peak, 1 / s.getDouble("memory_bandwidth"), false,
        s.getInt("bytes_per_value"), s.getDouble("energy_per_flop"), s.getDouble("energy_per_byte"),
        s.getDouble("static_power"), s.getDouble("area"), Map.of());
  }
}
