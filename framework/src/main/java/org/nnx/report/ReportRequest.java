package org.nnx.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nnx.syntax.Location;

/**
 * One element after {@code report}, e.g. {@code table(depth, tc, nn_mass)} or {@code
 * plot(test_accuracy, nn_mass, by = depth)}.
 *
 * @param kind the element
 * @param columns the results columns it uses, in order (for {@code correlate}: y, then every x)
 * @param options column-valued options by name, e.g. {@code by -> depth}
 * @param location where it is written
 */
public record ReportRequest(ReportKind kind, List<String> columns, Map<String, String> options, Location location) {

  /** The option {@code name}, if given. */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }
}
