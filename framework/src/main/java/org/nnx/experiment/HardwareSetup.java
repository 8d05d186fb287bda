package org.nnx.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.block.RunContext;
import org.nnx.hardware.target.HardwareTarget;

/**
 * Configures every hardware target an experiment's metrics name before its trials run (a target
 * with {@code calibrate = measured} is calibrated here, once, with no trial competing for the
 * machine) and writes each target's files, e.g. its calibration report, into the run directory.
 */
final class HardwareSetup {

  private static final Logger LOG = LogManager.getLogger(HardwareSetup.class);

  private HardwareSetup() {}

  /**
   * Prepares the targets of {@code experiment}.
   *
   * @return the targets, in the order the metrics name them
   * @throws IOException if a file cannot be written
   * @throws RuntimeException if a target's model cannot be built (e.g. a calibration failed)
   */
  static List<HardwareTarget> prepare(Experiment experiment, RunContext context) throws IOException {
    List<Object> options = new ArrayList<>();
    for (MetricRequest m : experiment.metrics()) {
      options.addAll(m.options().asMap().values());
    }
    List<HardwareTarget> targets = HardwareTarget.among(options);
    for (HardwareTarget target : targets) {
      long start = System.nanoTime();
      Map<String, String> files = target.costModel().files();
      LOG.info("hardware {} ready in {} s", target, String.format("%.3f", (System.nanoTime() - start) / 1e9));
      for (Map.Entry<String, String> file : files.entrySet()) {
        context.write(file.getKey(), file.getValue());
      }
    }
    return targets;
  }
}
