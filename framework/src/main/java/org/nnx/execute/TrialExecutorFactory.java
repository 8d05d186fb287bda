package org.nnx.execute;

/**
 * Makes the {@link TrialExecutor} that {@code nnx run --executor NAME} names. Factories are registered
 * with {@link org.nnx.plugin.Registrations#executors}; the framework's is {@code local}, the thread
 * pool of this process, and a plugin adds others (the {@code spark} module adds {@code spark}).
 */
public interface TrialExecutorFactory {

  /** The name users write after {@code --executor}, e.g. {@code local}. */
  String name();

  /** One line for {@code nnx plugins} and for messages, e.g. what {@code --master} it takes. */
  String description();

  /**
   * Makes the executor; the caller closes it.
   *
   * @throws ExecutorSettingsException if the settings do not suit this executor (e.g. a master URL it
   *     cannot use); the message says what to give instead
   */
  TrialExecutor create(ExecutorSettings settings) throws ExecutorSettingsException;
}
