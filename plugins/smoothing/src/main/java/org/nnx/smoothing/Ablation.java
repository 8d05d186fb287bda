package org.nnx.smoothing;

import java.util.List;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * What one ablated image keeps (Levine and Feizi, NeurIPS 2020, Section 3): {@code column(size =
 * b)} keeps the b columns {@code p, ..., p + b − 1}, {@code row(size = b)} the b rows, {@code
 * block(size = s)} the s×s block with corner {@code (r, c)}; every position wraps around the
 * image's edge, and everything else is ablated (0 in every channel of the (x, 1 − x) encoding,
 * which no real pixel is).
 *
 * @param kind which bands are kept
 * @param size b for bands, s for blocks; at least 1
 */
public record Ablation(Kind kind, int size) {

  /** Column, row or block ablation. */
  public enum Kind {
    COLUMN, ROW, BLOCK;

    /** The keyword in the language, e.g. {@code column}. */
    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The type of an ablation option: {@code column(size = b)}, {@code row(size = b)} or {@code block(size = s)}. */
  public static final ParamType.Variant TYPE = new ParamType.Variant(List.of(
      record(Kind.COLUMN, "columns kept"), record(Kind.ROW, "rows kept"), record(Kind.BLOCK, "side of the square kept")));

  /** The word that stands for the ablation a trial was trained with ({@code train { ablation = ... }}). */
  public static final String TRAINED = "trained";

  /** {@link #TYPE} or {@code trained}. */
  public static final ParamType.Variant OR_TRAINED = new ParamType.Variant(List.of(
      record(Kind.COLUMN, "columns kept"), record(Kind.ROW, "rows kept"), record(Kind.BLOCK, "side of the square kept"),
      new ParamType.RecordOf(TRAINED, List.of())));

  /** Whether an option value of {@link #OR_TRAINED} is {@code trained}. */
  public static boolean isTrained(Object value) {
    return TRAINED.equals(((Parameters) value).getString(ParamType.Variant.KIND));
  }

  private static ParamType.RecordOf record(Kind kind, String size) {
    return new ParamType.RecordOf(kind.keyword(), List.of(
        ParameterSpec.required("size", new ParamType.Int(1, 1 << 20, List.of()), size + ", at least 1")));
  }

  public Ablation {
    if (size < 1) {
      throw new IllegalArgumentException("an ablation keeps at least 1 pixel, got size " + size);
    }
  }

  /** The ablation of a checked option value of {@link #TYPE}. */
  public static Ablation of(Object value) {
    Parameters p = (Parameters) value;
    Kind kind = Kind.valueOf(p.getString(ParamType.Variant.KIND).toUpperCase(java.util.Locale.ROOT));
    return new Ablation(kind, p.getInt("size"));
  }

  /** The number of positions of an {@code height x width} image: W columns, H rows or H·W block corners. */
  public int positions(int height, int width) {
    return switch (kind) {
      case COLUMN -> width;
      case ROW -> height;
      case BLOCK -> Math.multiplyExact(height, width);
    };
  }

  /**
   * Whether pixel {@code (r, c)} is kept at {@code position} (a column, a row, or a block corner
   * {@code r0 * width + c0}), with wrap-around.
   */
  public boolean keeps(int position, int r, int c, int height, int width) {
    return switch (kind) {
      case COLUMN -> Math.floorMod(c - position, width) < size;
      case ROW -> Math.floorMod(r - position, height) < size;
      case BLOCK -> Math.floorMod(r - position / width, height) < size && Math.floorMod(c - position % width, width) < size;
    };
  }

  /**
   * The most positions an adversarial patch of side {@code patch} can affect, Δ: {@code m + b − 1}
   * bands of width b, or {@code (m + s − 1)²} blocks of side s (the paper's Section 3; with
   * wrap-around a patch never meets more).
   *
   * @param patch the patch's side m, at least 1
   */
  public long delta(int patch) {
    if (patch < 1) {
      throw new IllegalArgumentException("a patch has a side of at least 1, got " + patch);
    }
    long d = (long) patch + size - 1;
    return kind == Kind.BLOCK ? d * d : d;
  }

  /**
   * Zeroes, in place, every pixel of every channel of {@code images} that {@code position} does
   * not keep.
   *
   * @param images {@code count} images of {@code channels x height x width} values from {@code offset}
   */
  public void apply(float[] images, int offset, int count, int channels, int height, int width, int position) {
    int plane = height * width;
    for (int n = 0; n < count; n++) {
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          if (!keeps(position, r, c, height, width)) {
            int at = offset + n * channels * plane + r * width + c;
            for (int ch = 0; ch < channels; ch++) {
              images[at + ch * plane] = 0f;
            }
          }
        }
      }
    }
  }

  /**
   * Writes the ablation of one image at {@code position}: {@code to} receives the pixels {@code
   * position} keeps, in every channel, from {@code from}, and 0 everywhere else. The same result as
   * copying the image and {@link #apply}, in time proportional to the kept pixels.
   *
   * @param from an image of {@code channels x height x width} values at {@code fromOffset}
   * @param to receives the ablated image at {@code toOffset}
   */
  public void ablate(float[] from, int fromOffset, float[] to, int toOffset, int channels, int height, int width,
      int position) {
    int plane = height * width;
    java.util.Arrays.fill(to, toOffset, toOffset + channels * plane, 0f);
    int rows = kind == Kind.COLUMN ? height : Math.min(size, height);
    int cols = kind == Kind.ROW ? width : Math.min(size, width);
    int r0 = kind == Kind.BLOCK ? position / width : kind == Kind.ROW ? position : 0;
    int c0 = kind == Kind.BLOCK ? position % width : kind == Kind.COLUMN ? position : 0;
    for (int ch = 0; ch < channels; ch++) {
      for (int i = 0; i < rows; i++) {
        int r = (r0 + i) % height;
        int line = ch * plane + r * width;
        for (int j = 0; j < cols; j++) {
          int c = (c0 + j) % width;
          to[toOffset + line + c] = from[fromOffset + line + c];
        }
      }
    }
  }

  /** The ablation as written, e.g. {@code column(size = 2)}. */
  public String text() {
    return kind.keyword() + "(size = " + size + ")";
  }
}
