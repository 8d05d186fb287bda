package org.nnx.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code nnx} command line. Exit status: 0 success, 1 runtime failure, 2 bad input. */
@Command(name = "nnx", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Training-free analysis and hardware-aware search of neural architectures.",
    subcommands = {RunCommand.class, CheckCommand.class, PluginsCommand.class, DataCommand.class, RunsCommand.class,
        ShowCommand.class, ExportCommand.class, CompareCommand.class, GcCommand.class,
        SummaryCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /** Exit status for bad input: syntax, unknown names, out-of-range values, missing data. */
  public static final int BAD_INPUT = 2;

  /** Exit status for failures at run time. */
  public static final int FAILURE = 1;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and returns the exit status. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    helpEverywhere(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> {
      String hint = "";
      if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
        hint = " (did you mean " + String.join(" or ", unmatched.getSuggestions().stream().limit(2)
            .map(x -> "'" + x + "'").toList()) + "?)";
      }
      err.println("nnx: error: " + ex.getMessage() + hint);
      err.println("(see nnx " + (ex.getCommandLine().getCommandName().equals("nnx") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help)");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (org.nnx.files.NoSpaceException.isNoSpace(ex)) {
        String where = org.nnx.files.NoSpaceException.namedFile(ex).map(Object::toString).orElse("the disk");
        org.apache.logging.log4j.LogManager.getLogger(Main.class).error("no space left on {}", where, ex);
        err.println("nnx: error: no space left on " + where + "; every trial repeat finished before is kept in the"
            + " result store: free space there and run the same command again to finish");
        return FAILURE;
      }
      if (ex instanceof org.nnx.execute.ExecutorUnavailableException) {
        org.apache.logging.log4j.LogManager.getLogger(Main.class).error("the executor is unavailable", ex);
        err.println("nnx: error: " + ex.getMessage());
        return FAILURE;
      }
      if (ex instanceof BadOptionException || ex instanceof org.nnx.plugin.PluginLoadException) {
        err.println("nnx: error: " + ex.getMessage());
        return BAD_INPUT; // the user's options or the user's plugin jars
      }
      org.apache.logging.log4j.LogManager.getLogger(Main.class).error("nnx failed", ex);
      err.println("nnx: error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      err.println("(this is a failure of nnx or a plugin, not of your input; details are in the run's run.log)");
      return FAILURE;
    });
    int status;
    try {
      status = cli.execute(args);
    } catch (OutOfMemoryError e) {
      // outside any trial (those contain their own): checking or expanding a very large file
      err.println("nnx: error: out of memory (the Java heap is " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB); give the JVM more, e.g. NNX_JAVA_OPTS=-Xmx8g ./nnx ..., or split the file or narrow its sweeps");
      status = FAILURE;
    }
    out.flush();
    err.flush();
    return status;
  }

  /** Gives every command and subcommand {@code -h}/{@code --help} (and {@code -V}), so that help never needs a FILE. */
  private static void helpEverywhere(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
        sub.getCommandSpec().mixinStandardHelpOptions(true);
      }
      helpEverywhere(sub);
    }
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(args, out, err));
  }
}
