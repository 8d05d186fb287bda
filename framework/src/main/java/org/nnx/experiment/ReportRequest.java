package org.nnx.experiment;

import java.util.List;
import org.nnx.syntax.Location;

/**
 * One element after {@code report}, e.g. {@code table(depth, tc, nn_mass)}.
 *
 * @param kind the element, e.g. {@code table}
 * @param columns the results columns it shows, in order
 * @param location where it is written
 */
public record ReportRequest(String kind, List<String> columns, Location location) {}
