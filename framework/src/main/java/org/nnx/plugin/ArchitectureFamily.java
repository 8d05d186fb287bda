package org.nnx.plugin;

import java.util.List;
import org.nnx.ir.Network;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;

/**
 * A named family of networks, e.g. {@code dense_mlp}: parameters in, one {@link Network} out.
 * Register it with {@link Registrations#families}.
 */
public interface ArchitectureFamily {

  /**
   * The most layers nnx's own families build in one network (a family's {@code depth}, summed over
   * its cells): 100,000, a few hundred thousand IR nodes that build, summarize and count in seconds.
   * Beyond it a network is refused at its parameter when the file is checked, never left to run out
   * of memory or time.
   */
  int MAX_LAYERS = 100_000;

  /** The name users write. */
  String name();

  /** One line for {@code nnx plugins}. */
  String description();

  /** The parameters, in the order results tables show them. */
  List<ParameterSpec> parameters();

  /** Checks constraints between parameters; the framework has already checked each one's type and range. */
  default void validate(Parameters parameters, Problems problems) {}

  /**
   * Builds the network.
   *
   * @param parameters checked parameters, defaults filled in
   * @param context the trial's seed for any random choice (e.g. which neurons a skip link takes)
   */
  Network build(Parameters parameters, BuildContext context);
}
