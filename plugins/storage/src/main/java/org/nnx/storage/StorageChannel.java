package org.nnx.storage;

import java.util.List;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;

/**
 * A model of analog storage cells, named in a file as {@code channel = NAME(options)} of {@code
 * stored_accuracy}. Register one with {@link StoragePlugin#channels}; its name is said once, by
 * {@link #name()}.
 */
public interface StorageChannel {

  /** The name a file uses, e.g. {@code gaussian}. */
  String name();

  /** One line for {@code nnx plugins}: the model and its source. */
  String description();

  /** Its options, checked by the framework before {@link #cells} sees them. */
  List<ParameterSpec> parameters();

  /** Checks options beyond their types (reported at the option); the default accepts all. */
  default void validate(Parameters options, Problems problems) {}

  /** The cells under these (checked) options. */
  CellModel cells(Parameters options);
}
