package org.nnx.hardware;

import java.util.Map;
import org.nnx.ir.Network;
import org.nnx.hardware.target.HardwareTarget;

/** The cost of running networks on one configured hardware target. Thread-safe: trials share it. */
public interface CostModel {

  /**
   * The cost of one inference of one example of {@code network}.
   *
   * @param network the network
   * @return its latency in seconds, energy in joules and the target's area in square metres, with
   *     the share of each node
   * @throws IllegalArgumentException if the network holds an op the model cannot cost
   */
  Cost estimate(Network network);

  /**
   * Files the target adds to every run directory that uses it, by file name (e.g. a calibration
   * report); empty by default.
   */
  default Map<String, String> files() {
    return Map.of();
  }

  /**
   * What the model was fitted to, e.g. its calibrated coefficients; empty (the default) for a model
   * that its settings define completely. It is part of the target's description ({@link
   * HardwareTarget#toString()}), so results of one calibration are never taken for another's.
   */
  default String calibration() {
    return "";
  }
}
