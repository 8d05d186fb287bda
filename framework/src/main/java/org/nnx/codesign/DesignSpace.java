package org.nnx.codesign;

import java.util.List;
import org.nnx.param.Parameters;

/**
 * A finite space of configurations: named dimensions, each with an ordered list of values, and a
 * way to turn one choice per dimension into checked parameters. A codesign's architecture space is
 * the sweeps of a declaration ({@code cells(cells = [cell(width = 16..256 step 4, ...)])}); its
 * hardware space the sweeps written in its {@code target}.
 */
public interface DesignSpace {

  /** The dimensions' names, e.g. {@code cells[0].width}. */
  List<String> names();

  /** Each dimension's values as text, in order. */
  List<List<String>> values();

  /**
   * The checked parameters of one configuration.
   *
   * @param choice for each dimension, the index of its value
   * @return the parameters, or {@code null} when the combination is not valid (the family or model
   *     rejects it)
   */
  Parameters instantiate(int[] choice);

  /** The number of values of dimension {@code d}. */
  default int size(int d) {
    return values().get(d).size();
  }

  /** The number of dimensions. */
  default int dimensions() {
    return names().size();
  }

  /** The number of configurations, the product of the dimensions' sizes ({@code Long.MAX_VALUE} if larger). */
  default long configurations() {
    long total = 1;
    for (List<String> v : values()) {
      total = total > Long.MAX_VALUE / v.size() ? Long.MAX_VALUE : total * v.size();
    }
    return total;
  }

  /** One configuration as text, e.g. {@code cells[0].width = 64, cells[0].depth = 5}. */
  default String describe(int[] choice) {
    StringBuilder out = new StringBuilder();
    for (int d = 0; d < dimensions(); d++) {
      out.append(d == 0 ? "" : ", ").append(names().get(d)).append(" = ").append(values().get(d).get(choice[d]));
    }
    return out.toString();
  }
}
