package org.nnx.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The run whose id (its folder's name) or folder is {@code name}. */
  RunRecord find(ResultStore store, String name) throws StoreException {
    RunRecord match = null;
    for (RunRecord r : store.runs()) {
      if (r.id().equals(name) || Path.of(r.dir()).normalize().equals(Path.of(name).normalize())) {
        match = r;
      }
    }
    if (match == null) {
      throw new StoreException("no run '" + name + "' in " + file + " (./nnx runs lists them)", null);
    }
    return match;
  }
}
