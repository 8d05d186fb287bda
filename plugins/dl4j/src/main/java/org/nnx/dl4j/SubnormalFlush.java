package org.nnx.dl4j;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;

/**
 * Flushes subnormal floats to zero in the calling thread while a scope is open: the x86 MXCSR
 * register's flush-to-zero (FTZ, bit 15) and denormals-are-zero (DAZ, bit 6) bits, set through the C
 * library's {@code fegetenv}/{@code fesetenv}, and the thread's previous floating-point environment
 * restored on {@link Scope#close()}.
 *
 * <p>Why: on Intel cores every multiply-add with a subnormal operand or result takes a microcode
 * assist. Measured on the 2-core Intel Xeon (AVX-512) of 2026-12-04, one oneDNN convolution of 64 to
 * 128 channels at 14×14, batch 128, took 10 ms on normal inputs and 2,100 ms on inputs scaled into
 * the subnormal range, 11 ms again with FTZ and DAZ set; training does produce such values (which
 * arrays hold them was not traced), and {@code examples/patch-certification.nnx} took 38 min there
 * against 7 min 50 s on an AMD EPYC, whose cores handle subnormals without assists, and 5 min 21 s
 * on the Intel machine with these scopes.
 * TensorFlow flushes subnormals in its compute threads by default for the same reason (its {@code
 * port::ScopedFlushDenormal}); PyTorch offers it as {@code torch.set_flush_denormal(True)}.
 *
 * <p>What it changes: a value below {@link Float#MIN_NORMAL} (about 1.18e-38) in magnitude becomes
 * zero, in the natives and in Java code on this thread alike, where IEEE arithmetic would keep it;
 * results stay deterministic. Training and inference in this plugin ({@link TrainingLoop}, {@link
 * Dl4jInference}) run inside a scope; other plugins that drive DL4J graphs themselves open one. On
 * other CPU architectures, or where the C library cannot be reached, a scope changes nothing.
 */
public final class SubnormalFlush {

  /** MXCSR's flush-to-zero and denormals-are-zero bits. */
  private static final int FTZ_DAZ = 0x8040;

  /** Offset of {@code __mxcsr} in glibc's x86-64 {@code fenv_t} (28 bytes of x87 state before it). */
  private static final int MXCSR_OFFSET = 28;

  /** Bytes of a {@code fenv_t} buffer (glibc's is 32 on x86-64). */
  private static final int ENV_BYTES = 64;

  private static final Functions FUNCTIONS = Functions.find();

  private SubnormalFlush() {}

  /** An open scope; closing it restores the thread's floating-point environment. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Sets FTZ and DAZ in the calling thread until the returned scope is closed (by the same thread).
   *
   * @return the scope, to close in a {@code finally} or try-with-resources
   */
  public static Scope open() {
    if (FUNCTIONS == null) {
      return () -> {};
    }
    Memory saved = new Memory(ENV_BYTES);
    if (FUNCTIONS.get.invokeInt(new Object[] {saved}) != 0) {
      return () -> {};
    }
    Memory flushing = new Memory(ENV_BYTES);
    flushing.write(0, saved.getByteArray(0, ENV_BYTES), 0, ENV_BYTES);
    flushing.setInt(MXCSR_OFFSET, saved.getInt(MXCSR_OFFSET) | FTZ_DAZ);
    FUNCTIONS.set.invokeInt(new Object[] {flushing});
    return () -> FUNCTIONS.set.invokeInt(new Object[] {saved});
  }

  /** Whether scopes flush on this machine (x86-64 Linux with the C library's math functions reachable). */
  public static boolean active() {
    return FUNCTIONS != null;
  }

  private static final class Functions {
    final Function get;
    final Function set;

    private Functions(Function get, Function set) {
      this.get = get;
      this.set = set;
    }

    static Functions find() {
      String arch = System.getProperty("os.arch", "");
      if (!System.getProperty("os.name", "").startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
        return null;
      }
      try {
        NativeLibrary m = NativeLibrary.getInstance("m");
        return new Functions(m.getFunction("fegetenv"), m.getFunction("fesetenv"));
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        return null; // no JNA dispatch library or no libm: compute as IEEE arithmetic says
      }
    }
  }
}
