package org.nnx.dl4j;

import org.nnx.data.BatchTransform;
import java.util.List;
import java.util.Optional;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.NetworkWeights;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.Trainer;

/**
 * The DL4J trainer: the {@code train { }} settings of {@link Dl4jTrainingSettings}, trained by
 * {@link TrainingLoop}.
 */
public final class Dl4jTrainer implements Trainer {

  /** Its name. */
  public static final String NAME = "dl4j";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return new Dl4jTrainingSettings().parameters();
  }

  @Override
  public Result train(Network network, Dataset data, Parameters settings, long seed, Optional<NetworkWeights> start,
      Optional<BatchTransform> batches) {
    return TrainingLoop.train(network, data, TrainingOptions.from(settings), seed, start, batches);
  }
}
