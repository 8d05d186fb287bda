package org.nnx.hardware.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nnx.model.InitialWeights;
import org.nnx.model.Interpreter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code calibrate = measured} for {@code cpu} targets: times real inference on this machine and
 * fits the coefficients of the additive cost model {@code T = N t_0 + F s_F + Q s_Q} to it.
 *
 * <ol>
 *   <li>Samples {@code calibration_networks + holdout_networks} architectures from {@code
 *       calibration_seed} ({@link CalibrationNetworks}).
 *   <li>Times each with the framework's {@link Interpreter} (plain Java, one thread, one example): after a
 *       warm-up round of every network (so the JIT compiler has settled), {@value #ROUNDS} rounds
 *       that each run every network for at least 5 ms in turn; a network's time per inference is
 *       its fastest round's mean. Interleaving spreads a slow period of the machine (other
 *       processes) over all networks, and the minimum discards it, since interference only ever
 *       adds time.
 *   <li>Fits {@code (t_0, s_F, s_Q) >= 0} on the first {@code calibration_networks} by least
 *       squares on relative errors ({@link RelativeLeastSquares}), with per network {@code N} the
 *       nodes that do work, {@code F} the FLOPs and {@code Q} the bytes of weights and
 *       activations ({@link NodeWork}, {@code bytes_per_value} per value).
 *   <li>Reports the mean absolute percentage error {@code MAPE = 100/n sum |T_pred - T_meas| /
 *       T_meas} on the fitted and on the held-out networks, and for comparison that of the
 *       uncalibrated analytical model of the same block.
 * </ol>
 *
 * The calibrated model replaces the roofline's maximum by a sum (a linear model, so the fit is a
 * least-squares problem); its energy uses the block's analytical energy coefficients with the
 * calibrated latency (energy is not measured).
 */
final class CpuCalibration {

  private static final Logger LOG = LogManager.getLogger(CpuCalibration.class);

  /** Rounds per network; the fastest round's mean is the measurement. */
  static final int ROUNDS = 7;

  /** The least duration of one round, in seconds. */
  static final double ROUND_SECONDS = 0.005;

  private CpuCalibration() {}

  /**
   * The outcome of a calibration.
   *
   * @param model the calibrated cost model, its report files included
   * @param fitMape MAPE on the fitted networks, in percent
   * @param holdoutMape MAPE on the held-out networks, in percent
   * @param analyticalHoldoutMape MAPE of the uncalibrated model on the held-out networks, percent
   */
  record Result(CpuCostModel model, double fitMape, double holdoutMape, double analyticalHoldoutMape) {}

  /**
   * Calibrates a target.
   *
   * @param target the target's name (for the report's file names)
   * @param analytical the block's analytical model, whose energy coefficients the result keeps
   * @param fit networks to fit on, at least 3
   * @param holdout networks to test on, at least 1
   * @param seed the seed of the sampled networks and their weights
   */
  static Result calibrate(String target, CpuCostModel analytical, int fit, int holdout, long seed) {
    List<CalibrationNetworks.Sample> samples = CalibrationNetworks.sample(fit + holdout, seed);
    List<Interpreter> passes = new ArrayList<>();
    List<float[]> inputs = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (CalibrationNetworks.Sample s : samples) {
      passes.add(new Interpreter(s.network(), InitialWeights.draw(s.network(), random.nextLong())));
      float[] x = new float[Math.toIntExact(s.network().input().size())];
      for (int j = 0; j < x.length; j++) {
        x[j] = (float) random.nextGaussian();
      }
      inputs.add(x);
    }
    for (int k = 0; k < passes.size(); k++) {
      round(passes.get(k), inputs.get(k));
    }
    double[] measured = new double[samples.size()];
    Arrays.fill(measured, Double.POSITIVE_INFINITY);
    for (int r = 0; r < ROUNDS; r++) {
      for (int k = 0; k < samples.size(); k++) {
        measured[k] = Math.min(measured[k], round(passes.get(k), inputs.get(k)));
      }
    }
    double[][] features = new double[samples.size()][];
    for (int k = 0; k < samples.size(); k++) {
      features[k] = features(samples.get(k), analytical);
      LOG.info("calibration of {}: {} takes {} s", target, samples.get(k).description(), measured[k]);
    }
    double[] c = RelativeLeastSquares.fit(Arrays.copyOf(features, fit), Arrays.copyOf(measured, fit));
    CpuCostModel fitted = new CpuCostModel(c[0], c[1], c[2], true, analytical.bytesPerValue(),
        analytical.energyPerFlop(), analytical.energyPerByte(), analytical.staticPower(), analytical.area(), Map.of());
    double[] predicted = new double[samples.size()];
    double[] analyticalPrediction = new double[samples.size()];
    for (int k = 0; k < samples.size(); k++) {
      predicted[k] = fitted.estimate(samples.get(k).network()).latency();
      analyticalPrediction[k] = analytical.estimate(samples.get(k).network()).latency();
    }
    double fitMape = mape(measured, predicted, 0, fit);
    double holdoutMape = mape(measured, predicted, fit, fit + holdout);
    double analyticalMape = mape(measured, analyticalPrediction, fit, fit + holdout);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("calibration-" + target + ".csv", csv(samples, features, measured, predicted, fit));
    files.put("calibration-" + target + ".md",
        report(target, fitted, fit, holdout, seed, fitMape, holdoutMape, analyticalMape));
    CpuCostModel model = new CpuCostModel(c[0], c[1], c[2], true, analytical.bytesPerValue(),
        analytical.energyPerFlop(), analytical.energyPerByte(), analytical.staticPower(), analytical.area(), files);
    LOG.info("calibration of {}: t_0 = {} s, s_F = {} s/FLOP, s_Q = {} s/B; MAPE fit {} %, held out {} %", target,
        c[0], c[1], c[2], fitMape, holdoutMape);
    return new Result(model, fitMape, holdoutMape, analyticalMape);
  }

  /** {@code (N, F, Q)} of a sampled network. */
  private static double[] features(CalibrationNetworks.Sample s, CpuCostModel model) {
    double nodes = 0;
    double flops = 0;
    double bytes = 0;
    for (NodeWork w : NodeWork.of(s.network())) {
      nodes++;
      flops += w.flops();
      bytes += model.bytes(w);
    }
    return new double[] {nodes, flops, bytes};
  }

  /** Prevents the JIT from discarding inferences whose results nobody reads. */
  private static volatile double sink;

  /**
   * One round: inferences until {@link #ROUND_SECONDS} have passed.
   *
   * @return the mean seconds per inference of the round
   */
  static double round(Interpreter pass, float[] input) {
    double acc = 0;
    long start = System.nanoTime();
    long count = 0;
    long elapsed;
    do {
      pass.forward(input, 0);
      acc += pass.output()[0];
      count++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < ROUND_SECONDS * 1e9);
    sink = acc;
    return elapsed / 1e9 / count;
  }

  /** Mean absolute percentage error over {@code [from, to)}, in percent. */
  static double mape(double[] measured, double[] predicted, int from, int to) {
    double s = 0;
    for (int k = from; k < to; k++) {
      s += Math.abs(predicted[k] - measured[k]) / measured[k];
    }
    return 100 * s / (to - from);
  }

  private static String csv(List<CalibrationNetworks.Sample> samples, double[][] features, double[] measured,
      double[] predicted, int fit) {
    StringBuilder out = new StringBuilder("set,network,nodes,flops,bytes,measured_s,predicted_s,error_pct\n");
    for (int k = 0; k < samples.size(); k++) {
      out.append(k < fit ? "fit" : "holdout").append(",\"").append(samples.get(k).description()).append("\",")
          .append((long) features[k][0]).append(',').append((long) features[k][1]).append(',')
          .append((long) features[k][2]).append(',').append(measured[k]).append(',').append(predicted[k]).append(',')
          .append(100 * (predicted[k] - measured[k]) / measured[k]).append('\n');
    }
    return out.toString();
  }

  private static String report(String target, CpuCostModel m, int fit, int holdout, long seed, double fitMape,
      double holdoutMape, double analyticalMape) {
    String gflops = m.secondsPerFlop() > 0 ? fmt(1e-9 / m.secondsPerFlop()) + " GFLOP/s" : "unbounded (coefficient 0)";
    String gbs = m.secondsPerByte() > 0 ? fmt(1e-9 / m.secondsPerByte()) + " GB/s" : "unbounded (coefficient 0)";
    return "# Calibration of hardware target " + target + " (cpu)\n\n"
        + "Measured on this machine (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
        + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
        + "): one-example inference with nnx's plain-Java reference forward pass (one thread, float32), the fastest of "
        + ROUNDS + " interleaved rounds of at least " + (int) (ROUND_SECONDS * 1000) + " ms per network after a"
        + " warm-up.\n\n"
        + "Model: `T = N t_0 + F s_F + Q s_Q` (N nodes, F FLOPs, Q bytes of weights and activations), fitted by"
        + " non-negative least squares on relative errors over " + fit + " sampled networks (seed " + seed + ");"
        + " MAPE on " + holdout + " held-out networks. Per-network values are in calibration-" + target + ".csv.\n\n"
        + "| coefficient | value |\n| --- | --- |\n"
        + "| t_0, per node | " + fmt(m.overhead() * 1e6) + " us |\n"
        + "| s_F, per FLOP | " + fmt(m.secondsPerFlop() * 1e9) + " ns (effective " + gflops + ") |\n"
        + "| s_Q, per byte | " + fmt(m.secondsPerByte() * 1e9) + " ns (effective " + gbs + ") |\n\n"
        + "| MAPE | value |\n| --- | --- |\n"
        + "| fitted networks (" + fit + ") | " + fmt(fitMape) + " % |\n"
        + "| held-out networks (" + holdout + ") | " + fmt(holdoutMape) + " % |\n"
        + "| uncalibrated analytical model, held-out networks | " + fmt(analyticalMape) + " % |\n";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
