package org.nnx.block;

import java.io.IOException;
import java.util.List;
import org.nnx.data.DataLocations;
import org.nnx.syntax.BlockNode;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.UserInputException;

/**
 * A kind of top-level block, found by its keyword: how a block of the kind is checked, described
 * by {@code nnx check}, and run. A new kind is a grammar rule (with its {@link BlockNode}) and an
 * implementation of this interface registered with {@link BlockKinds#register}; the run pipeline
 * gives every runnable block a run directory, a provenance record, a place in the result store and
 * the reports.
 *
 * @param <N> the syntax node of the kind
 * @param <B> the checked block
 */
public interface BlockKind<N extends BlockNode, B extends Block> {

  /** The keyword that opens a block of this kind, e.g. {@code experiment}. */
  String keyword();

  /** The syntax node type of the kind. */
  Class<N> syntax();

  /**
   * The keywords of the kinds whose blocks a block of this kind may name (e.g. an experiment names
   * hardware targets); blocks of those kinds are checked first.
   */
  default List<String> references() {
    return List.of();
  }

  /** Whether {@code nnx run} runs blocks of this kind (hardware targets only serve other blocks). */
  default boolean runnable() {
    return true;
  }

  /**
   * Checks one block. Every error goes to {@link ResolveContext#diagnostics()} with its location.
   *
   * @return the checked block, or {@code null} when it has errors
   */
  B resolve(N node, ResolveContext context);

  /**
   * What {@code nnx check} prints for a block without errors, without the file name, e.g. {@code
   * experiment zoo: 7 trials x 1 repeat, 4 metrics}.
   */
  String describe(B block);

  /**
   * What running the block would refuse for want of something outside the file, found cheaply and
   * before any work: data files that are not there, a heap too small for its networks. {@code nnx check} prints these as warnings and
   * {@code nnx run} refuses with them before it creates a run folder.
   *
   * @param data where data sets are looked for
   * @return located errors, empty when nothing is missing
   */
  default List<Diagnostic> missingInputs(B block, DataLocations data) {
    return List.of();
  }

  /**
   * Runs the block.
   *
   * @return what the pipeline writes into the run directory and shows on the terminal
   * @throws UserInputException for problems located in the user's input that show only when running
   *     (e.g. missing data files)
   * @throws IOException if a file of the run directory cannot be written
   */
  BlockOutcome run(B block, RunContext context) throws UserInputException, IOException;
}
