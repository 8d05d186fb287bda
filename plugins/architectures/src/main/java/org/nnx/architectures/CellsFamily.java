package org.nnx.architectures;

import java.util.ArrayList;
import java.util.List;
import org.nnx.ir.Network;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * {@code cells(inputs, classes, cells = [cell(width, depth, tc), ...], activation = relu)}: a stack
 * of DenseNet-type MLP cells, the abstraction over which NN-Mass is defined (Bhardwaj, Li,
 * Marculescu, CVPR 2021, Section 3: NN-Mass sums {@code density_c * width_c * depth_c} over cells).
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>Each cell is laid out like {@code dense_mlp} ({@link DenseMlpStack}): {@code depth} linear
 *       layers of {@code width} units, layer {@code i >= 2} taking {@code min(tc, (i-1)*width)}
 *       long-range units from layers {@code 0..i-2} <em>of the same cell</em>.
 *   <li>Layer 0 of the first cell reads the network input; layer 0 of each following cell reads
 *       the activated last output of the previous cell.
 *   <li>The last layer of the last cell is the classifier ({@code classes} outputs, input not
 *       activated) and counts in that cell's depth, as in {@code dense_mlp}.
 * </ul>
 *
 * <p>Hence {@code cells(inputs = n, classes = k, cells = [cell(width = w, depth = d, tc = t)])} is
 * the same network, node for node and link for link under the same seed, as {@code dense_mlp(width
 * = w, depth = d, tc = t, inputs = n, classes = k)}.
 */
public final class CellsFamily implements ArchitectureFamily {

  /** The family name, {@code "cells"}. */
  public static final String NAME = "cells";

  /** The record users write for one cell: {@code cell(width, depth, tc)}. */
  public static final ParamType.RecordOf CELL =
      new ParamType.RecordOf(
          "cell",
          List.of(
              ParameterSpec.required("width", ParamType.integerAtLeast(1), "units per layer, at least 1"),
              ParameterSpec.required(
                  "depth",
                  ParamType.integer(3, MAX_LAYERS),
                  "linear layers in the cell (the classifier counts in the last cell), 3 to " + MAX_LAYERS),
              ParameterSpec.required(
                  "tc",
                  ParamType.integerAtLeast(0),
                  "long-range links per layer: layer i >= 2 takes min(tc, (i-1)*width), at least 0")));

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.required("inputs", ParamType.integerAtLeast(1), "input features, at least 1"),
          Specs.classes(null),
          ParameterSpec.required(
              "cells",
              new ParamType.ListOf(CELL, 1, Integer.MAX_VALUE),
              "the cells in order, e.g. [cell(width = 8, depth = 4, tc = 10), cell(width = 16, depth = 4, tc = 20)]"),
          Specs.activation());

  /** Creates the family; it has no state. */
  public CellsFamily() {}

  /** Returns {@code "cells"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "stack of DenseNet-type MLP cells (NN-Mass abstraction); one cell equals dense_mlp";
  }

  /** {@code inputs, classes, cells, activation}; see the class comment. */
  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /** Refuses a cell too large to build (see {@link Specs#checkCellSize}); each cell reads the previous one. */
  @Override
  public void validate(Parameters parameters, org.nnx.param.Problems problems) {
    long inputs = parameters.getLong("inputs");
    long layers = 0;
    for (Object o : parameters.getList("cells")) {
      layers += ((Parameters) o).getLong("depth");
    }
    if (layers > MAX_LAYERS) {
      problems.error("cells", "the cells have " + layers + " layers together, more than nnx builds (" + MAX_LAYERS + ")",
          "use fewer or shallower cells");
      return;
    }
    for (Object o : parameters.getList("cells")) {
      Parameters cell = (Parameters) o;
      Specs.checkCellSize(inputs, cell.getLong("width"), cell.getLong("depth"), "cells", problems);
      Specs.checkLinks(cell.getLong("width"), cell.getLong("depth"), cell.getLong("tc"), "cells", problems);
      inputs = cell.getLong("width");
    }
  }

  /**
   * Builds the stack.
   *
   * @param parameters checked parameters
   * @param context the seed of the link sampling
   * @throws IllegalArgumentException if a value is out of range
   */
  @Override
  public Network build(Parameters parameters, BuildContext context) {
    Specs.requireInRange(NAME, PARAMETERS, parameters);
    List<DenseMlpStack.CellSpec> cells = new ArrayList<>();
    for (Object o : parameters.getList("cells")) {
      Parameters cell = (Parameters) o;
      cells.add(new DenseMlpStack.CellSpec(cell.getInt("width"), cell.getInt("depth"), cell.getInt("tc")));
    }
    return DenseMlpStack.build(
        NAME,
        parameters.getInt("inputs"),
        parameters.getInt("classes"),
        cells,
        Specs.activation(parameters),
        context.seed());
  }
}
