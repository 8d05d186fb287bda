package org.nnx.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nnx.store.ResultStore;
import org.nnx.store.StoreException;
import org.nnx.syntax.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nnx gc}: frees the disk space the result store's trained models take. Metric values are
 * never dropped; a dropped model is trained again only if a metric that needs it is computed anew.
 */
@Command(name = "gc", description = "Drop trained models kept beside the result store (metric values stay).")
final class GcCommand implements Callable<Integer> {

  @Option(names = "--models", description = "Drop every kept model.")
  boolean all;

  @Option(names = "--max-size", paramLabel = "SIZE",
      description = "Drop the least recently used models until the rest take at most SIZE (e.g. 500MB).")
  String maxSize;

  @Mixin
  StoreOption store = new StoreOption();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long bound;
    try {
      bound = all ? 0 : maxSize == null ? -1 : Sizes.parse(maxSize, "--max-size");
    } catch (UserInputException e) {
      e.diagnostics().forEach(d -> err.println(d.format()));
      return Main.BAD_INPUT;
    }
    try (ResultStore s = store.open()) {
      long[] before = s.modelUsage();
      int dropped = bound < 0 ? 0 : s.shrinkModels(bound);
      long[] after = s.modelUsage();
      out.println(s.modelFolder() + ": " + before[0] + " trained models, " + Sizes.format(before[1])
          + (bound < 0 ? " (nothing dropped; pass --models or --max-size SIZE)" : "; dropped " + dropped + ", "
              + after[0] + " left, " + Sizes.format(after[1])));
      return 0;
    } catch (StoreException e) {
      err.println("nnx: error: " + e.getMessage());
      return Main.FAILURE;
    }
  }
}
