/**
 * Where trial repeats are computed: self-contained, serializable {@link org.nnx.execute.TrialTask}s
 * go to a {@link org.nnx.execute.TrialExecutor} and come back as {@link
 * org.nnx.execute.TrialOutcome}s; {@link org.nnx.execute.LocalExecutor} is the default thread pool.
 * {@code nnx run --executor NAME} picks the {@link org.nnx.execute.TrialExecutorFactory} of that name
 * among those registered (the framework's {@code local}, a plugin's {@code spark}).
 */
package org.nnx.execute;
