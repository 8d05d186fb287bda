package org.nnx.dl4j;

import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.model.InitScheme;

/**
 * The checked {@code train { ... }} settings of one experiment ({@link Dl4jTrainingSettings}), as
 * typed values.
 *
 * @param optimizer {@code adam} or {@code sgd}
 * @param learningRate the initial learning rate, {@code > 0}
 * @param beta1 Adam's first-moment decay, in {@code [0, 1)}
 * @param beta2 Adam's second-moment decay, in {@code [0, 1)}
 * @param epsilon Adam's epsilon, {@code > 0}
 * @param momentum SGD's momentum, in {@code [0, 1]}
 * @param nesterov SGD's Nesterov flag
 * @param weightDecay L2 coefficient added to the gradient, {@code >= 0}
 * @param groupLasso λ of the group-lasso penalty on output channels ({@link GroupLasso}), {@code >= 0}
 * @param schedule {@code constant}, {@code cosine} or {@code step}
 * @param stepSize epochs between decays of the {@code step} schedule, at least 1
 * @param gamma factor per decay of the {@code step} schedule, in {@code (0, 1]}
 * @param batch examples per minibatch, at least 1
 * @param epochs passes over the training set, at least 1
 * @param init the weight initialization
 * @param trainSamples training examples used (the first ones), 0 for all
 * @param testSamples test examples evaluated (the first ones), 0 for all
 */
public record TrainingOptions(String optimizer, double learningRate, double beta1, double beta2, double epsilon,
    double momentum, boolean nesterov, double weightDecay, double groupLasso, String schedule, int stepSize, double gamma, int batch,
    int epochs, InitScheme init, int trainSamples, int testSamples) {

  public TrainingOptions {
    if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
      throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'");
    }
    if (beta1 >= 1 || beta2 >= 1) {
      throw new IllegalArgumentException("adam: beta1 and beta2 must be below 1, got " + beta1 + " and " + beta2);
    }
    if (nesterov && momentum <= 0) {
      throw new IllegalArgumentException("sgd: nesterov = true needs momentum > 0");
    }
    if (batch < 1 || epochs < 1 || trainSamples < 0 || testSamples < 0) {
      throw new IllegalArgumentException("batch and epochs must be at least 1, sample limits at least 0");
    }
  }

  /**
   * Reads checked settings; a setting that is absent takes its default from {@link
   * Dl4jTrainingSettings}, so an empty {@link Parameters} gives every default.
   *
   * @throws IllegalArgumentException if values do not fit together (e.g. Nesterov without momentum,
   *     or a beta of 1)
   */
  public static TrainingOptions from(Parameters settings) {
    Map<String, ParameterSpec> specs = new java.util.HashMap<>();
    for (ParameterSpec s : new Dl4jTrainingSettings().parameters()) {
      specs.put(s.name(), s);
    }
    Parameters opt = record(settings, specs, "optimizer");
    String optimizer = opt.getString(ParamType.Variant.KIND);
    Parameters sched = record(settings, specs, "schedule");
    String schedule = sched.getString(ParamType.Variant.KIND);
    boolean adam = optimizer.equals("adam");
    boolean step = schedule.equals("step");
    return new TrainingOptions(
        optimizer,
        opt.getDouble("lr"),
        adam ? opt.getDouble("beta1") : 0.9,
        adam ? opt.getDouble("beta2") : 0.999,
        adam ? opt.getDouble("eps") : 1e-8,
        adam ? 0 : opt.getDouble("momentum"),
        !adam && opt.getBoolean("nesterov"),
        ((Number) value(settings, specs, "weight_decay")).doubleValue(),
        ((Number) value(settings, specs, "group_lasso")).doubleValue(),
        schedule,
        step ? sched.getInt("step_size") : 1,
        step ? sched.getDouble("gamma") : 1.0,
        Math.toIntExact(((Number) value(settings, specs, "batch")).longValue()),
        Math.toIntExact(((Number) value(settings, specs, "epochs")).longValue()),
        InitScheme.of((String) value(settings, specs, "init")),
        Math.toIntExact(((Number) value(settings, specs, "train_samples")).longValue()),
        Math.toIntExact(((Number) value(settings, specs, "test_samples")).longValue()));
  }

  private static Object value(Parameters settings, Map<String, ParameterSpec> specs, String name) {
    return settings.has(name) ? settings.get(name) : specs.get(name).defaultValue().orElseThrow();
  }

  /** A variant setting with the defaults of its chosen option filled in. */
  private static Parameters record(Parameters settings, Map<String, ParameterSpec> specs, String name) {
    Parameters given = (Parameters) value(settings, specs, name);
    String kind = given.getString(ParamType.Variant.KIND);
    ParamType.Variant type = (ParamType.Variant) specs.get(name).type();
    ParamType.RecordOf option = type.options().stream().filter(o -> o.name().equals(kind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown " + name + " '" + kind + "'"));
    Map<String, Object> values = new java.util.LinkedHashMap<>(Dl4jTrainingSettings.defaults(option).asMap());
    values.putAll(given.asMap());
    return new Parameters(values);
  }

  /**
   * The DL4J updater for these settings: {@link TorchAdam} for {@code adam}, {@link TorchSgd} for
   * {@code sgd}, both with PyTorch's update formulas.
   *
   * <p>Schedules: {@code cosine} is {@link CosineSchedule} over all {@code iterationsPerEpoch *
   * epochs} iterations; {@code step} multiplies the rate by {@code gamma} every {@code step_size}
   * epochs (PyTorch's {@code StepLR} stepped once per epoch).
   *
   * @param iterationsPerEpoch minibatches per epoch, at least 1
   */
  public IUpdater updater(long iterationsPerEpoch) {
    ISchedule s = switch (schedule) {
      case "cosine" -> new CosineSchedule(learningRate, Math.max(1, iterationsPerEpoch * epochs));
      case "step" -> new StepSchedule(ScheduleType.EPOCH, learningRate, gamma, stepSize);
      default -> null;
    };
    if (optimizer.equals("adam")) {
      return new TorchAdam(learningRate, s, beta1, beta2, epsilon);
    }
    return new TorchSgd(learningRate, s, momentum, nesterov);
  }
}
