package org.nnx.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nnx.store.ResultStore;
import org.nnx.store.RunRecord;
import org.nnx.store.StoreException;
import picocli.CommandLine.Option;

/** The {@code --store FILE} option of the commands that read runs. */
final class StoreOption {

  @Option(names = "--store", paramLabel = "FILE", description = "The result store (default: runs/nnx.db).")
  Path file = Path.of("runs", "nnx.db");

  /** Opens the store, which must exist. */
  ResultStore open() throws StoreException {
    if (!Files.exists(file)) {
      throw new StoreException("no result store at " + file + " (runs are recorded there by ./nnx run; pass --store FILE)", null);
    }
    return ResultStore.open(file);
  }

  /**
   * The run whose id (its folder's name) or folder is {@code name}, or whose id {@code name} is a
   * unique prefix of.
   *
   * @throws UnknownRunException (the user's input, exit 2) when no run or several match
   */
  RunRecord find(ResultStore store, String name) throws StoreException {
    RunRecord match = null;
    List<RunRecord> prefixed = new java.util.ArrayList<>();
    for (RunRecord r : store.runs()) {
      if (r.id().equals(name) || Path.of(r.dir()).normalize().equals(Path.of(name).normalize())) {
        match = r;
      } else if (r.id().startsWith(name)) {
        prefixed.add(r);
      }
    }
    if (match == null && prefixed.size() == 1) {
      match = prefixed.get(0);
    }
    if (match == null) {
      throw new UnknownRunException(prefixed.isEmpty()
          ? "no run '" + name + "' in " + file + " (./nnx runs lists them)"
          : "'" + name + "' is the start of " + prefixed.size() + " runs (" + String.join(", ", prefixed.stream()
              .limit(3).map(RunRecord::id).toList()) + (prefixed.size() > 3 ? ", ..." : "") + "); give more of its id");
    }
    return match;
  }

  /** No run, or more than one, matches what the user named: bad input. */
  static final class UnknownRunException extends StoreException {
    private static final long serialVersionUID = 1L;

    UnknownRunException(String message) {
      super(message, null);
    }
  }
}
