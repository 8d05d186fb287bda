package org.nnx.experiment;

import java.util.Locale;
import java.util.Optional;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;

/**
 * The heap one trial repeat needs, estimated from its network before anything runs, so that a
 * network too large for the heap is refused at once with what to do instead of failing with an
 * {@code OutOfMemoryError} after minutes.
 *
 * <p>The estimate is a lower bound of the large arrays, not of everything a trial allocates:
 *
 * <ul>
 *   <li>training (Deeplearning4j, 32-bit floats): the weights, their gradients and Adam's two
 *       moments, {@code 16 P} bytes for {@code P} parameters, and each node's output and its
 *       gradient for a minibatch of {@code B}, {@code 8 B A} bytes for {@code A} output values per
 *       example summed over the nodes;
 *   <li>a metric that feeds data to the untrained network (nnx's interpreter, 64-bit floats): the
 *       weights, {@code 8 P}, and every node's output for its batch, {@code 8 B A}.
 * </ul>
 *
 * <p>{@code B} is the trainer's {@code batch} setting and each metric's {@code batch} option where
 * they have one, else {@value #DEFAULT_BATCH}.
 *
 * @param bytes the estimate, in bytes
 * @param trial the trial it is for, as a user reads it (label, family and parameters)
 * @param location where the trial's architecture is declared
 */
public record MemoryNeed(long bytes, String trial, Location location) {

  /** The batch assumed where neither the trainer nor the metric says one. */
  public static final int DEFAULT_BATCH = 64;

  /**
   * The estimate for one network.
   *
   * @param trainBatch the training minibatch, or 0 when the trial does not train
   * @param dataBatch the largest batch a data-reading metric feeds the untrained network, or 0
   */
  static long estimate(Network network, int trainBatch, int dataBatch) {
    double p = network.parameters();
    double a = 0;
    for (Node n : network.nodes()) {
      a += n.output().size();
    }
    // in double: a network past Long.MAX bytes is refused too, never wrapped round to a small need
    double training = trainBatch > 0 ? 16 * p + 8.0 * trainBatch * a : 0;
    double reading = dataBatch > 0 ? 8 * p + 8.0 * dataBatch * a : 0;
    return (long) Math.min(Long.MAX_VALUE, Math.max(training, reading));
  }

  /**
   * The refusal when the estimate exceeds {@code heap}: located at the architecture, with the
   * {@code NNX_JAVA_OPTS=-Xmx} that would give it room.
   *
   * @param heap the JVM's maximum heap in bytes ({@link Runtime#maxMemory()})
   */
  public Optional<Diagnostic> check(long heap) {
    if (bytes <= heap) {
      return Optional.empty();
    }
    long wantGiB = (long) Math.ceil(bytes * 1.5 / GIB);
    long machine = physicalMemory();
    String hint = wantGiB * GIB < machine
        ? "give the JVM more heap, e.g. NNX_JAVA_OPTS=-Xmx" + wantGiB + "g ./nnx run ..., or choose a smaller network"
        : "this machine has " + size(machine) + " of memory: choose a smaller network or batch";
    return Optional.of(new Diagnostic(location, trial + " needs about " + size(bytes)
        + " of heap per trial repeat (weights and activations, estimated from its network), more than this JVM's "
        + size(heap), hint));
  }

  private static final double GIB = 1L << 30;

  private static long physicalMemory() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Long.MAX_VALUE;
  }

  private static String size(long bytes) {
    return bytes >= GIB * 1e6 ? String.format(Locale.ROOT, "%.2g GiB", bytes / GIB)
        : String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
  }
}
