package org.nnx.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Tensor;

/**
 * A complete weight code, assembled from the parts of a combination ({@link WeightCode#configure}):
 * it writes a network's weights into cells through a {@link CellModel} and reads them back.
 *
 * <p>The parts apply in a fixed order, whatever order the file writes them in: the <b>range</b> maps
 * each weight to [0, 1] ({@code naive}: one linear map of the network's [w_min, w_max]; {@code
 * adaptive}: each tensor's own [min, max], its two end points kept digitally); with a <b>sign</b>
 * cell the magnitude |w| is mapped over [0, max |w|] instead and the sign is written at an extreme
 * level (1 for w ≥ 0, 0 below) and read as above or below 1/2; the <b>cell coding</b> turns the
 * normalized value into cells ({@link CellCoding#DIRECT} or {@code split}); <b>repetition</b> writes
 * every cell r times and averages the reads before decoding. Or a <b>whole</b> code ({@code
 * digital}) replaces all of it. Read values are clipped to [0, 1] before decoding (the decoder
 * knows the range).
 *
 * <p>What is stored: every weight and bias tensor of the network (dense, convolution and batch-norm
 * scale and shift: the trainable parameters, as {@code params} counts them); batch norms' running
 * statistics are kept as they are. The range end points (two numbers per tensor, or two for the
 * network) are digital side information and are not counted in the cells.
 */
public final class CodePlan {

  /** How weights map to [0, 1]. */
  public enum Range {
    /** One map for the whole network. */
    NAIVE,
    /** One map per tensor. */
    ADAPTIVE
  }

  /** A code that replaces the whole plan (e.g. digital storage). */
  public interface WholeCode {
    /** Cells for {@code weights} values. */
    long cells(long weights);

    /** The values read back of one tensor. */
    float[] store(float[] values);
  }

  private Range range;
  private String rangePart;
  private boolean sign;
  private CellCoding coding;
  private String codingPart;
  private int repeats = 1;
  private boolean repeatSet;
  private WholeCode whole;
  private String wholePart;
  private java.util.function.IntFunction<CellCoding> resizableCoding;
  private java.util.function.IntFunction<WholeCode> resizableWhole;
  private final List<String> parts = new ArrayList<>();

  /** Sets the range map. */
  public void range(Range range, String part) {
    taken(rangePart, part, "the range");
    this.range = range;
    this.rangePart = part;
  }

  /** Adds a sign cell. */
  public void sign(String part) {
    if (sign) {
      throw new IllegalArgumentException("two parts store the sign");
    }
    parts.add(part);
    sign = true;
  }

  /** Sets the cell coding. */
  public void coding(CellCoding coding, String part) {
    taken(codingPart, part, "the cell coding");
    this.coding = coding;
    this.codingPart = part;
  }

  /** Writes every cell {@code r} times. */
  public void repeat(int r, String part) {
    if (repeatSet) {
      throw new IllegalArgumentException("two parts set the repetition");
    }
    parts.add(part);
    repeatSet = true;
    repeats = r;
  }

  /**
   * Sets a cell coding that {@link #size} may resize.
   *
   * @param sized the coding with a given number of cells per value
   * @param cells the cells per value the part itself asks for
   */
  public void coding(java.util.function.IntFunction<CellCoding> sized, int cells, String part) {
    coding(sized.apply(cells), part);
    resizableCoding = sized;
  }

  /** Replaces the whole plan. */
  public void whole(WholeCode code, String part) {
    taken(wholePart, part, "the whole code");
    this.whole = code;
    this.wholePart = part;
  }

  /**
   * Replaces the whole plan with a code that {@link #size} may resize.
   *
   * @param sized the code for a given size (e.g. bits per weight)
   * @param size the size the part itself asks for
   */
  public void whole(java.util.function.IntFunction<WholeCode> sized, int size, String part) {
    whole(sized.apply(size), part);
    resizableWhole = sized;
  }

  /**
   * Sets the code's size, the one knob that trades cells for accuracy: the digits of a {@code split}
   * coding, else the size of a whole code (the bits per weight of {@code digital}), else the copies
   * of every value cell (as {@code repeat(size)}, which the code then must not name itself).
   *
   * @throws IllegalArgumentException if the code already names its repetition
   */
  public void size(int size) {
    if (whole != null) {
      if (resizableWhole == null) {
        throw new IllegalArgumentException(wholePart + " has no size to set");
      }
      whole = resizableWhole.apply(size);
    } else if (resizableCoding != null) {
      coding = resizableCoding.apply(size);
    } else {
      if (repeatSet) {
        throw new IllegalArgumentException("size sets the repetition, and the code names repeat too; keep one");
      }
      repeats = size;
    }
  }

  private void taken(String previous, String part, String slot) {
    if (previous != null) {
      throw new IllegalArgumentException(previous + " and " + part + " both set " + slot + "; keep one");
    }
    parts.add(part);
  }

  /**
   * Checks that the parts fit together.
   *
   * @throws IllegalArgumentException naming the parts that do not
   */
  public void check() {
    if (whole != null && parts.size() > 1) {
      throw new IllegalArgumentException(wholePart + " is a complete code; it combines with nothing else");
    }
  }

  /** The levels a cell must distinguish under this plan (0: any). */
  public int levelsNeeded() {
    if (whole != null) {
      return 0;
    }
    int coded = coding().levelsNeeded();
    return sign ? Math.max(2, coded) : coded;
  }

  /** Whether the plan is a whole code that does not use the channel. */
  public boolean usesChannel() {
    return whole == null;
  }

  private CellCoding coding() {
    return coding == null ? CellCoding.DIRECT : coding;
  }

  /** Cells per stored value. */
  public long cellsPerValue() {
    return (long) (coding().cells() + (sign ? 1 : 0)) * repeats;
  }

  /** Cells for a network with {@code values} stored values. */
  public long cells(long values) {
    return whole != null ? whole.cells(values) : values * cellsPerValue();
  }

  /** Whether a tensor is stored (trainable), else kept as it is. */
  public static boolean stored(String name) {
    return name.equals(NetworkWeights.WEIGHT) || name.equals(NetworkWeights.BIAS);
  }

  /** The number of stored values of a network. */
  public static long storedValues(NetworkWeights weights) {
    long n = 0;
    for (int id : weights.nodes()) {
      for (Map.Entry<String, Tensor> t : weights.tensors(id).entrySet()) {
        if (stored(t.getKey())) {
          n += t.getValue().size();
        }
      }
    }
    return n;
  }

  /**
   * One draw: every stored tensor written through this code into {@code cells} and read back.
   *
   * @param error receives the sum of squared differences between read and written weights, [0]
   * @return the weights as read back, every other tensor unchanged
   */
  public NetworkWeights store(NetworkWeights weights, CellModel cells, SplittableRandom random, double[] error) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double magnitude = 0;
    for (int id : weights.nodes()) {
      for (Map.Entry<String, Tensor> t : weights.tensors(id).entrySet()) {
        if (stored(t.getKey())) {
          for (float v : t.getValue().values()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            magnitude = Math.max(magnitude, Math.abs(v));
          }
        }
      }
    }
    NetworkWeights.Builder out = NetworkWeights.builder();
    for (int id : weights.nodes()) {
      for (Map.Entry<String, Tensor> t : weights.tensors(id).entrySet()) {
        Tensor tensor = t.getValue();
        if (!stored(t.getKey())) {
          out.put(id, t.getKey(), tensor);
          continue;
        }
        float[] values = tensor.values();
        float[] read;
        if (whole != null) {
          read = whole.store(values);
        } else if (range == Range.ADAPTIVE) {
          double tl = Double.POSITIVE_INFINITY;
          double th = Double.NEGATIVE_INFINITY;
          double tm = 0;
          for (float v : values) {
            tl = Math.min(tl, v);
            th = Math.max(th, v);
            tm = Math.max(tm, Math.abs(v));
          }
          read = analog(values, tl, th, tm, cells, random);
        } else {
          read = analog(values, lo, hi, magnitude, cells, random);
        }
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
          double d = (double) read[i] - values[i];
          sum += d * d;
        }
        error[0] += sum;
        out.put(id, t.getKey(), tensor.shape(), read);
      }
    }
    return out.build();
  }

  /** The analog path for one tensor, with the range [lo, hi] (or [0, magnitude] with a sign cell). */
  private float[] analog(float[] values, double lo, double hi, double magnitude, CellModel cells,
      SplittableRandom random) {
    CellCoding code = coding();
    int perValue = code.cells() + (sign ? 1 : 0);
    int stride = perValue * repeats;
    double[] written = new double[Math.multiplyExact(values.length, stride)];
    double[] one = new double[perValue];
    double span = hi - lo;
    for (int i = 0; i < values.length; i++) {
      double w = values[i];
      double v = sign ? (magnitude == 0 ? 0 : Math.abs(w) / magnitude) : (span == 0 ? 0 : (w - lo) / span);
      code.encode(v, one, 0);
      if (sign) {
        one[perValue - 1] = w >= 0 ? 1 : 0;
      }
      for (int r = 0; r < repeats; r++) {
        System.arraycopy(one, 0, written, i * stride + r * perValue, perValue);
      }
    }
    double[] read = new double[written.length];
    cells.writeAndRead(written, read, random);
    float[] out = new float[values.length];
    double[] mean = new double[perValue];
    for (int i = 0; i < values.length; i++) {
      java.util.Arrays.fill(mean, 0);
      for (int r = 0; r < repeats; r++) {
        for (int c = 0; c < perValue; c++) {
          mean[c] += read[i * stride + r * perValue + c];
        }
      }
      for (int c = 0; c < perValue; c++) {
        mean[c] /= repeats;
      }
      double v = code.decode(mean, 0);
      double w = sign ? (mean[perValue - 1] >= 0.5 ? 1 : -1) * v * magnitude : lo + v * span;
      out[i] = (float) w;
    }
    return out;
  }
}
