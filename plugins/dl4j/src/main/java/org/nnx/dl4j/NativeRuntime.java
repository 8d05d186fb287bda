package org.nnx.dl4j;

import java.lang.reflect.Field;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nd4j.linalg.api.ndarray.ShapeInfoProvider;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide settings of ND4J's native runtime, applied before the plugin computes anything.
 *
 * <p><b>Threads.</b> ND4J computes with one native thread per calling Java thread, so trials running
 * in parallel on {@code --workers N} threads use N cores and their results do not depend on N.
 * ND4J's CPU back end has two thread pools: libnd4j's own (element-wise ops, reductions,
 * convolutions; {@code Environment.setMaxThreads} and {@code setMaxMasterThreads}) and OpenBLAS's
 * (matrix products; {@code blas_set_num_threads}). Both are set to 1; the {@code ./nnx} launcher
 * also exports {@code OMP_NUM_THREADS=1}, which OpenBLAS reads when it loads.
 *
 * <p><b>Per-array costs</b> (measured in {@code bench/README.md}). ND4J creates small native arrays
 * for every array and view it makes; on top of that,
 *
 * <ul>
 *   <li>JavaCPP reads {@code /proc/self/statm} at every native allocation to enforce its
 *       physical-memory limit ({@code org.bytedeco.javacpp.maxPhysicalBytes}); {@link #prepare()}
 *       sets that limit to 0 (no check) unless the user set it. JavaCPP's own limit on the bytes it
 *       tracks ({@code maxBytes}, by default the maximum heap size) stays in force.
 *   <li>ND4J's shape-information cache ({@code DirectShapeInfoProvider}) is bypassed by the
 *       constructors arrays are made with, so every array's shape buffer is built by a native call;
 *       {@link #configure()} installs {@link CachingShapeInfoProvider}, which caches them too.
 *   <li>ND4J's periodic {@code System.gc()} is switched off: it stalls every trial thread, and the
 *       graphs' arrays live in reused workspaces.
 * </ul>
 */
public final class NativeRuntime {

  /** JavaCPP's system property for its physical-memory limit, in bytes (0: no limit, no check). */
  public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

  private static final Logger LOG = LogManager.getLogger(NativeRuntime.class);

  private static boolean configured;
  private static Boolean oneDnn;

  private NativeRuntime() {}

  /**
   * Sets the system properties JavaCPP reads when it loads: {@link #MAX_PHYSICAL_BYTES} = 0 unless
   * already set (in either spelling JavaCPP accepts). Loads no native code; has an effect only
   * before ND4J's first use.
   */
  public static synchronized void prepare() {
    if (System.getProperty(MAX_PHYSICAL_BYTES) == null
        && System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
      System.setProperty(MAX_PHYSICAL_BYTES, "0");
    }
  }

  /** Applies every setting once per process; later calls do nothing. Thread-safe. */
  public static synchronized void configure() {
    if (configured) {
      return;
    }
    prepare();
    Nd4j.getEnvironment().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxMasterThreads(1);
    Nd4j.factory().blas().setMaxThreads(1);
    Nd4j.getMemoryManager().togglePeriodicGc(false);
    installShapeInfoCache();
    configured = true;
  }

  /** Replaces ND4J's shape-information provider by {@link CachingShapeInfoProvider}, if it can. */
  private static void installShapeInfoCache() {
    try {
      ShapeInfoProvider current = Nd4j.getShapeInfoProvider();
      if (current instanceof CachingShapeInfoProvider) {
        return;
      }
      Field field = Nd4j.class.getDeclaredField("shapeInfoProvider");
      field.setAccessible(true);
      field.set(null, new CachingShapeInfoProvider());
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("could not install the shape-information cache; training will be slower: {}", e.toString());
    }
  }

  /** The native threads ND4J may use now: libnd4j's maximum and OpenBLAS's, as {@code {nd4j, blas}}. */
  public static int[] threads() {
    return new int[] {Nd4j.getEnvironment().maxThreads(), Nd4j.factory().blas().getMaxThreads()};
  }

  /**
   * Whether ND4J's native library was built with oneDNN (the {@code linux-x86_64-onednn} natives this
   * plugin depends on): then libnd4j's {@code conv2d} and {@code conv2d_bp} ops run oneDNN's direct
   * convolution kernels, which pick the CPU's vector instructions at run time, instead of libnd4j's
   * im2col and matrix product. Read once per process from the library's build information.
   */
  public static synchronized boolean oneDnn() {
    if (oneDnn == null) {
      Nd4j.getExecutioner(); // loads the native library
      oneDnn = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo()
          .contains("HAVE_ONEDNN");
    }
    return oneDnn;
  }

  /** Whether ND4J's shape-information provider is the caching one. */
  public static boolean shapeInfoCached() {
    return Nd4j.getShapeInfoProvider() instanceof CachingShapeInfoProvider;
  }
}
