package org.nnx.storage;

import java.util.List;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;

/**
 * {@code gaussian(sigma = 0.05, levels = 0)}: a cell returns the written value plus independent
 * Gaussian noise of standard deviation σ (in units of the cell's full range), the same at every level;
 * continuous ({@code levels = 0}) or with L equally spaced levels. Reads are not clipped.
 */
public final class GaussianChannel implements StorageChannel {

  static final List<ParameterSpec> LEVELS = List.of(ParameterSpec.optional("levels",
      new ParamType.Int(0, 1 << 16, List.of()), 0L,
      "distinguishable levels of a cell, written values snapped to the nearest; 0 = a continuous range"));

  @Override
  public String name() {
    return "gaussian";
  }

  @Override
  public String description() {
    return "level-independent Gaussian read noise of standard deviation sigma (of the cell's range)";
  }

  @Override
  public List<ParameterSpec> parameters() {
    List<ParameterSpec> out = new java.util.ArrayList<>();
    out.add(ParameterSpec.optional("sigma", new ParamType.Real(0, Double.POSITIVE_INFINITY, false), 0.05,
        "noise standard deviation, in units of the cell's full range, >= 0"));
    out.addAll(LEVELS);
    return out;
  }

  @Override
  public void validate(Parameters options, Problems problems) {
    checkLevels(options, problems);
  }

  static void checkLevels(Parameters options, Problems problems) {
    if (options.getLong("levels") == 1) {
      problems.error("levels", "a cell with one level stores nothing", "write levels = 0 (continuous) or >= 2");
    }
  }

  @Override
  public CellModel cells(Parameters options) {
    return LevelGaussianChannel.model(options.getDouble("sigma"), 0, 0, (int) options.getLong("levels"));
  }
}
