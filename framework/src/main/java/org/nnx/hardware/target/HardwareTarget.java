package org.nnx.hardware.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nnx.param.ParameterText;
import org.nnx.param.Parameters;
import org.nnx.block.Block;
import org.nnx.syntax.HardwareNode;
import org.nnx.syntax.Location;
import org.nnx.hardware.CostModel;
import org.nnx.hardware.HardwareModel;

/**
 * A resolved {@code hardware NAME { kind = KIND, ... }} block: its kind's model and its checked
 * settings. Metrics receive it as the value of a {@link org.nnx.param.ParamType.Reference} option
 * ({@code latency(NAME)}). The cost model is built once, on first use, and shared by every trial.
 */
public final class HardwareTarget implements Block {

  /** The keyword of hardware blocks. */
  public static final String KEYWORD = HardwareNode.KEYWORD;

  private final String name;
  private final HardwareModel model;
  private final Parameters settings;
  private final Location location;
  private final String source;
  private final String file;
  private CostModel costModel;

  /**
   * @param name the block's name
   * @param model the model of the block's kind
   * @param settings the checked settings (without {@code kind}), defaults filled in
   * @param location where the block is
   * @param source the block's source text
   * @param file the file it came from
   */
  public HardwareTarget(String name, HardwareModel model, Parameters settings, Location location, String source,
      String file) {
    this.name = Objects.requireNonNull(name);
    this.model = Objects.requireNonNull(model);
    this.settings = Objects.requireNonNull(settings);
    this.location = location;
    this.source = source;
    this.file = file;
  }

  @Override
  public String kind() {
    return KEYWORD;
  }

  @Override
  public String title() {
    return name;
  }

  @Override
  public String file() {
    return file;
  }

  /** The name after {@code hardware}. */
  @Override
  public String name() {
    return name;
  }

  /** The model of the block's kind. */
  public HardwareModel model() {
    return model;
  }

  /** The checked settings, quantities in SI base units. */
  public Parameters settings() {
    return settings;
  }

  /** Where the block is written. */
  @Override
  public Location location() {
    return location;
  }

  /** The block as written. */
  @Override
  public String source() {
    return source;
  }

  /**
   * The target's cost model, built by {@link HardwareModel#configure} on the first call (which
   * may calibrate, and take long) and returned by every later call.
   */
  public synchronized CostModel costModel() {
    if (costModel == null) {
      costModel = Objects.requireNonNull(model.configure(name, settings), "cost model of " + name);
    }
    return costModel;
  }

  /** Every hardware target among {@code values}, in order, each once (e.g. the options of the metrics). */
  public static List<HardwareTarget> among(Iterable<?> values) {
    List<HardwareTarget> out = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof HardwareTarget t && out.stream().noneMatch(o -> o == t)) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * {@code NAME(kind = KIND, setting = value, ...)}, values in SI base units, followed by the cost
   * model's {@link CostModel#calibration()} once the model is built and calibrated: a complete
   * description of what the target's costs depend on.
   */
  @Override
  public synchronized String toString() {
    StringBuilder out = new StringBuilder(name).append("(kind = ").append(model.kind());
    settings.asMap().forEach((k, v) -> out.append(", ").append(k).append(" = ").append(ParameterText.value(v, ", ")));
    out.append(')');
    if (costModel != null && !costModel.calibration().isEmpty()) {
      out.append(' ').append(costModel.calibration());
    }
    return out.toString();
  }
}
