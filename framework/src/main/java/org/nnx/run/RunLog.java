package org.nnx.run;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Sends every log event of a run, at INFO and above, to {@code run.log} in its run directory while
 * the run lasts. The terminal shows only warnings and errors (see {@code log4j2.xml}).
 */
public final class RunLog implements AutoCloseable {

  private final LoggerContext context;
  private final Appender appender;

  /** Starts logging to {@code file}. */
  public RunLog(Path file) {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender = FileAppender.newBuilder()
        .setName("run-" + file)
        .withFileName(file.toString())
        .setLayout(PatternLayout.newBuilder().withConfiguration(config)
            .withPattern("%d{ISO8601} %-5level [%t] %c{1}: %msg%n%throwable").build())
        .setConfiguration(config)
        .build();
    appender.start();
    config.getRootLogger().addAppender(appender, Level.INFO, null);
    context.updateLoggers();
  }

  @Override
  public void close() {
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
