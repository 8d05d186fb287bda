package org.nnx.storage;

import java.util.List;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;

/**
 * One part of how weights become cell values, named in a file as {@code code = NAME(options)} of
 * {@code stored_accuracy} and combined with others by {@code +} ({@code sign + adaptive +
 * repeat(2)}). Each part fills one slot of a {@link CodePlan} (the range map, the sign, the cell
 * coding, the repetition, or the whole code); two parts for one slot are an error. Register one with
 * {@link StoragePlugin#codes}.
 */
public interface WeightCode {

  /** The name a file uses, e.g. {@code repeat}. */
  String name();

  /** One line for {@code nnx plugins}. */
  String description();

  /** Its options. */
  List<ParameterSpec> parameters();

  /** Checks options beyond their types; the default accepts all. */
  default void validate(Parameters options, Problems problems) {}

  /**
   * Fills this part's slot of the plan.
   *
   * @throws IllegalArgumentException (with a message for the user) if the slot is taken
   */
  void configure(Parameters options, CodePlan plan);
}
