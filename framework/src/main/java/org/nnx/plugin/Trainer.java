package org.nnx.plugin;

import org.nnx.data.BatchTransform;
import java.util.List;
import java.util.Optional;
import org.nnx.data.Dataset;
import org.nnx.ir.Network;
import org.nnx.model.Inference;
import org.nnx.model.NetworkWeights;
import org.nnx.model.TrainingRun;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * Trains networks: the settings an experiment's {@code train { key = value ... }} block may give,
 * and the training itself. At most one trainer is installed; it binds itself with {@link
 * Registrations#trainer}. The framework checks the block against {@link #parameters()}, trains each
 * trial repeat at most once (the result store keeps the trained weights) and hands the trained
 * model to every metric that needs one ({@link TrialContext#trainedModel()}).
 */
public interface Trainer {

  /** A short name recorded with every training, e.g. {@code dl4j}. */
  String name();

  /** The settings, with their types, ranges and defaults. */
  List<ParameterSpec> parameters();

  /**
   * What a training gives back.
   *
   * @param run the trained weights and what the run measured
   * @param inference the trained network, ready for inference with those weights (to evaluate it
   *     without rebuilding it), or {@code null}
   */
  record Result(TrainingRun run, Inference inference) {}

  /**
   * Trains {@code network} on {@code data.train()}.
   *
   * <p>Everything random must come from {@code seed}: the initial weights from {@link
   * org.nnx.model.InitialWeights} with {@code Seeds.derive(seed, Seeds.WEIGHTS)} unless {@code start}
   * is given, and the order of examples from {@code Seeds.derive(seed, Seeds.SHUFFLE)}; the same
   * arguments must give the same weights.
   *
   * @param network the network; its input size equals the data's example size and its output size
   *     the number of classes
   * @param data the data set
   * @param settings checked settings, defaults filled in
   * @param seed the trial repeat's seed
   * @param start weights to start from (e.g. loaded from files) instead of the initialization
   * @param batches a change to make to every training minibatch before its step (e.g. an ablation),
   *     with its random stream seeded from {@code Seeds.derive(seed, Seeds.BATCHES)}
   * @throws IllegalArgumentException if the network does not fit the data or the settings do not fit
   *     together
   */
  Result train(Network network, Dataset data, Parameters settings, long seed, Optional<NetworkWeights> start,
      Optional<BatchTransform> batches);
}
