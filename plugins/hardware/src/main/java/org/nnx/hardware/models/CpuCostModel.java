package org.nnx.hardware.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nnx.hardware.Cost;
import org.nnx.hardware.CostModel;
import org.nnx.ir.Network;

/**
 * The per-layer cost model of a {@code cpu} target, analytical or calibrated (see {@link CpuModel}
 * for the equations and parameters).
 *
 * <p>For every node {@code n} that does work ({@link NodeWork}), with {@code F_n} its FLOPs and
 * {@code Q_n = b * (W_n + A_n)} the bytes of its weights and activations ({@code b} bytes per
 * value):
 *
 * <pre>
 *   roofline (analytical):  t_n = t_0 + max(F_n * s_F, Q_n * s_Q)
 *   additive (calibrated):  t_n = t_0 + F_n * s_F + Q_n * s_Q
 *   energy:                 e_n = F_n * e_F + Q_n * e_Q + P_static * t_n
 * </pre>
 *
 * with {@code t_0} the per-layer overhead, {@code s_F} seconds per FLOP (the inverse of the peak
 * {@code cores * clock * flops_per_cycle}), {@code s_Q} seconds per byte (the inverse of the memory
 * bandwidth), {@code e_F} and {@code e_Q} joules per FLOP and per byte. The network's latency is
 * {@code sum_n t_n} (layers run one after the other), its energy {@code sum_n e_n}, its area the
 * target's {@code area} setting.
 *
 * @param overhead {@code t_0}, seconds per node, at least 0
 * @param secondsPerFlop {@code s_F}, at least 0
 * @param secondsPerByte {@code s_Q}, at least 0
 * @param additive whether compute and memory times add (calibrated) instead of overlapping (the
 *     roofline's maximum)
 * @param bytesPerValue {@code b}, bytes per weight and activation value, at least 1
 * @param energyPerFlop {@code e_F}, joules, at least 0
 * @param energyPerByte {@code e_Q}, joules, at least 0
 * @param staticPower {@code P_static}, watts, at least 0
 * @param area the chip area reported by {@code area(T)}, square metres
 * @param files files for the run directory (a calibration report), by name
 */
record CpuCostModel(double overhead, double secondsPerFlop, double secondsPerByte, boolean additive,
    int bytesPerValue, double energyPerFlop, double energyPerByte, double staticPower, double area,
    Map<String, String> files) implements CostModel {

  CpuCostModel {
    files = Map.copyOf(files);
  }

  /**
   * The latency of one node, in seconds: {@code t_0 + max(F s_F, Q s_Q)} (roofline) or {@code t_0 +
   * F s_F + Q s_Q} (additive).
   */
  double latency(NodeWork w) {
    double compute = w.flops() * secondsPerFlop;
    double memory = bytes(w) * secondsPerByte;
    return overhead + (additive ? compute + memory : Math.max(compute, memory));
  }

  /** {@code Q_n = b * (W_n + A_n)}, the bytes a node moves. */
  double bytes(NodeWork w) {
    return (double) bytesPerValue * (w.weights() + w.activations());
  }

  /** For a calibrated (additive) model its fitted coefficients, else empty. */
  @Override
  public String calibration() {
    return additive ? "calibrated(t_0 = " + overhead + " s, s_F = " + secondsPerFlop + " s/FLOP, s_Q = " + secondsPerByte
        + " s/B)" : "";
  }

  @Override
  public Cost estimate(Network network) {
    List<Cost.Layer> layers = new ArrayList<>();
    double latency = 0;
    double energy = 0;
    for (NodeWork w : NodeWork.of(network)) {
      double t = latency(w);
      double e = w.flops() * energyPerFlop + bytes(w) * energyPerByte + staticPower * t;
      layers.add(new Cost.Layer(w.node(), t, e, 0));
      latency += t;
      energy += e;
    }
    return new Cost(latency, energy, area, layers);
  }
}
