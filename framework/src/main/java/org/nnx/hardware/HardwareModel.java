package org.nnx.hardware;

import java.util.List;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * A kind of hardware target, e.g. {@code cpu} or {@code crossbar}: the settings a {@code hardware
 * NAME { kind = KIND, ... }} block may give, and how a configured target estimates the cost of a
 * network. Register it with {@link org.nnx.plugin.Registrations#hardware}; the key is the kind
 * users write.
 *
 * <p>Implementations must be stateless: one instance serves every target of its kind.
 */
public interface HardwareModel {

  /** The kind users write after {@code kind =}, e.g. {@code "cpu"}. */
  String kind();

  /** One line for {@code nnx plugins}. */
  String description();

  /**
   * The settings of a block of this kind besides {@code kind}, checked by the framework (units
   * included, see {@link org.nnx.param.ParamType.Quantity}) before {@link #configure} sees them.
   */
  List<ParameterSpec> parameters();

  /**
   * The cost model of one target. Called once per target and run, before any trial is measured;
   * it may take long (e.g. to calibrate against measurements on this machine).
   *
   * @param target the target's name, as in {@code hardware NAME}
   * @param settings checked settings, defaults filled in; quantities in SI base units
   * @return the target's cost model
   * @throws RuntimeException if the model cannot be built (e.g. a calibration failed); the run
   *     fails with the message
   */
  CostModel configure(String target, Parameters settings);
}
