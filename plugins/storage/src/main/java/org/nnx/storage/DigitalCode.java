package org.nnx.storage;

import java.util.List;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;

/**
 * {@code digital(bits = 8, bits_per_cell = 2, ecc = secded)}: the baseline of error-free digital
 * storage. Each tensor is quantized uniformly to 2^bits levels over its own [min, max]; the data
 * bits grow by the error-correcting code's rate n/k, and the cells hold {@code bits_per_cell} bits
 * each: cells = ⌈values·bits·n/k / bits_per_cell⌉. The channel is not used (the code corrects its
 * errors by assumption). Codes: {@code none}; {@code hamming}, Hamming(7, 4); {@code secded}, the
 * extended Hamming (72, 64) of ECC memory; {@code bch(n, k)}, a BCH code of length n and dimension k
 * (e.g. (63, 51), two errors corrected).
 */
final class DigitalCode implements WeightCode {

  private static final ParamType ECC = new ParamType.Variant(List.of(
      new ParamType.RecordOf("none", List.of()),
      new ParamType.RecordOf("hamming", List.of()),
      new ParamType.RecordOf("secded", List.of()),
      new ParamType.RecordOf("bch", List.of(
          ParameterSpec.required("n", new ParamType.Int(3, 1 << 20, List.of()), "code length in bits"),
          ParameterSpec.required("k", new ParamType.Int(1, 1 << 20, List.of()), "data bits per code word")))));

  @Override
  public String name() {
    return "digital";
  }

  @Override
  public String description() {
    return "error-free digital storage of weights quantized to bits, with an error-correcting code's overhead"
        + " (none, hamming (7,4), secded (72,64), bch(n, k)), bits_per_cell bits per cell";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("bits", new ParamType.Int(1, 32, List.of()), 8L, "bits per weight (stored_accuracy's size sets it)"),
        ParameterSpec.optional("bits_per_cell", new ParamType.Int(1, 16, List.of()), 2L, "bits one cell holds"),
        ParameterSpec.optional("ecc", ECC, new Parameters("secded", java.util.Map.of(ParamType.Variant.KIND, "secded")),
            "the error-correcting code"));
  }

  @Override
  public void validate(Parameters options, Problems problems) {
    Parameters ecc = options.getRecord("ecc");
    if (ecc.recordName().orElse("").equals("bch") && ecc.getLong("k") >= ecc.getLong("n")) {
      problems.error("ecc", "a code of length " + ecc.getLong("n") + " cannot carry " + ecc.getLong("k")
          + " data bits", "k must be smaller than n, e.g. bch(n = 63, k = 51)");
    }
  }

  /** The code's rate n/k: coded bits per data bit. */
  static double overhead(Parameters ecc) {
    return switch (ecc.recordName().orElse("none")) {
      case "hamming" -> 7.0 / 4.0;
      case "secded" -> 72.0 / 64.0;
      case "bch" -> (double) ecc.getLong("n") / ecc.getLong("k");
      default -> 1.0;
    };
  }

  @Override
  public void configure(Parameters options, CodePlan plan) {
    int perCell = (int) options.getLong("bits_per_cell");
    double rate = overhead(options.getRecord("ecc"));
    plan.whole(bits -> new CodePlan.WholeCode() {
      @Override
      public long cells(long weights) {
        return (long) Math.ceil(weights * bits * rate / perCell);
      }

      @Override
      public float[] store(float[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        double steps = Math.pow(2, bits) - 1;
        double span = hi - lo;
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
          out[i] = span == 0 ? values[i] : (float) (lo + Math.rint((values[i] - lo) / span * steps) / steps * span);
        }
        return out;
      }
    }, (int) options.getLong("bits"), name());
  }
}
