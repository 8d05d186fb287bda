package org.nnx.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.model.InitScheme;

/**
 * The {@code train { ... }} settings of the DL4J trainer; {@link TrainingOptions#from} reads them.
 *
 * <pre>
 * optimizer     = adam(lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8)
 *               | sgd(lr = 0.01, momentum = 0, nesterov = false)
 * weight_decay  = 0          L2 coefficient added to the gradient (PyTorch's weight_decay)
 * group_lasso   = 0          λ of the group-lasso penalty on every layer's output channels
 * schedule      = constant | cosine | step(step_size = 1, gamma = 0.1)
 * batch         = 64         examples per minibatch
 * epochs        = 1          passes over the training set
 * init          = uniform_fan_in | xavier | he
 * train_samples = 0          use only the first N training examples (0: all)
 * test_samples  = 0          evaluate on the first N test examples (0: all)
 * </pre>
 */
public final class Dl4jTrainingSettings {

  /** {@code adam(lr, beta1, beta2, eps)}: Kingma and Ba, ICLR 2015, with PyTorch's defaults. */
  public static final ParamType.RecordOf ADAM = new ParamType.RecordOf("adam", List.of(
      ParameterSpec.optional("lr", ParamType.realAbove(0), 1e-3, "learning rate, > 0"),
      ParameterSpec.optional("beta1", ParamType.real(0, 1), 0.9, "decay of the first-moment average, in [0, 1)"),
      ParameterSpec.optional("beta2", ParamType.real(0, 1), 0.999, "decay of the second-moment average, in [0, 1)"),
      ParameterSpec.optional("eps", ParamType.realAbove(0), 1e-8, "added to the root of the second moment, > 0")));

  /** {@code sgd(lr, momentum, nesterov)}: PyTorch's {@code torch.optim.SGD} without dampening. */
  public static final ParamType.RecordOf SGD = new ParamType.RecordOf("sgd", List.of(
      ParameterSpec.optional("lr", ParamType.realAbove(0), 0.01, "learning rate, > 0"),
      ParameterSpec.optional("momentum", ParamType.real(0, 1), 0.0, "momentum factor, in [0, 1]"),
      ParameterSpec.optional("nesterov", new ParamType.Bool(), false, "Nesterov momentum (needs momentum > 0)")));

  /** {@code constant}, {@code cosine} or {@code step(step_size, gamma)}. */
  public static final ParamType.Variant SCHEDULE = new ParamType.Variant(List.of(
      new ParamType.RecordOf("constant", List.of()),
      new ParamType.RecordOf("cosine", List.of()),
      new ParamType.RecordOf("step", List.of(
          ParameterSpec.optional("step_size", ParamType.integerAtLeast(1), 1L, "epochs between decays, at least 1"),
          ParameterSpec.optional("gamma", new ParamType.Real(0, 1, true), 0.1, "factor per decay, in (0, 1]")))));

  private static final List<ParameterSpec> PARAMETERS = List.of(
      ParameterSpec.optional("optimizer", new ParamType.Variant(List.of(ADAM, SGD)), defaults(ADAM),
          "adam(lr, beta1, beta2, eps) or sgd(lr, momentum, nesterov)"),
      ParameterSpec.optional("weight_decay", new ParamType.Real(0, Double.POSITIVE_INFINITY, false), 0.0,
          "L2 coefficient added to the gradient of weights and biases (PyTorch's weight_decay), >= 0"),
      ParameterSpec.optionalUnrecorded("group_lasso", new ParamType.Real(0, Double.POSITIVE_INFINITY, false), 0.0,
          "λ of the penalty λ·Σ ||W_i|| over the output channels i of every dense and convolution layer but the"
              + " classifier (channel importance, DAC 2020), >= 0"),
      ParameterSpec.optional("schedule", SCHEDULE, defaults(SCHEDULE.options().get(0)),
          "learning-rate schedule: constant, cosine (to 0 over all iterations) or step(step_size, gamma) per epoch"),
      ParameterSpec.optional("batch", ParamType.integerAtLeast(1), 64L, "examples per minibatch, at least 1"),
      ParameterSpec.optional("epochs", ParamType.integerAtLeast(1), 1L, "passes over the training set, at least 1"),
      ParameterSpec.optional("init", new ParamType.Choice(InitScheme.keywords()), InitScheme.UNIFORM_FAN_IN.keyword(),
          "weight initialization: uniform_fan_in (PyTorch's default), xavier or he"),
      ParameterSpec.optional("train_samples", ParamType.integerAtLeast(0), 0L,
          "train on the first N training examples only; 0 uses all"),
      ParameterSpec.optional("test_samples", ParamType.integerAtLeast(0), 0L,
          "evaluate on the first N test examples only; 0 uses all"));

  /** Creates the settings; they have no state. */
  public Dl4jTrainingSettings() {}

  /** The settings listed in the class comment, with their defaults. */
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /** The value of a variant option taking all its defaults, e.g. {@code adam} written bare. */
  static Parameters defaults(ParamType.RecordOf option) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ParamType.Variant.KIND, option.name());
    for (ParameterSpec spec : option.parameters()) {
      values.put(spec.name(), spec.defaultValue().orElseThrow());
    }
    return new Parameters(option.name(), values);
  }
}
