package org.nnx.dl4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes ND4J compute with one native thread per calling Java thread, so trials running in parallel
 * on {@code --workers N} threads use N cores and their results do not depend on N.
 *
 * <p>ND4J's CPU back end has two thread pools: libnd4j's own (element-wise ops, reductions,
 * convolutions; {@code Environment.setMaxThreads} and {@code setMaxMasterThreads}) and OpenBLAS's
 * (matrix products; {@code blas_set_num_threads}). Both are set to 1 here, at run time; the {@code
 * ./nnx} launcher also exports {@code OMP_NUM_THREADS=1}, which OpenBLAS reads when it loads. ND4J's
 * periodic {@code System.gc()} is switched off: it stalls every trial thread and the graphs'
 * arrays live in reused workspaces.
 */
public final class NativeThreads {

  private static boolean configured;

  private NativeThreads() {}

  /** Applies the settings once per process; later calls do nothing. Thread-safe. */
  public static synchronized void configure() {
    if (configured) {
      return;
    }
    Nd4j.getEnvironment().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxMasterThreads(1);
    Nd4j.factory().blas().setMaxThreads(1);
    Nd4j.getMemoryManager().togglePeriodicGc(false);
    configured = true;
  }

  /** The native threads ND4J may use now: libnd4j's maximum and OpenBLAS's, as {@code {nd4j, blas}}. */
  public static int[] current() {
    return new int[] {Nd4j.getEnvironment().maxThreads(), Nd4j.factory().blas().getMaxThreads()};
  }
}
