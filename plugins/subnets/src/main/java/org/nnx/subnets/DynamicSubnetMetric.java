package org.nnx.subnets;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.nnx.data.DataShape;
import org.nnx.data.Dataset;
import org.nnx.dl4j.SubnormalFlush;
import org.nnx.dl4j.TrainingOptions;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.model.InitialWeights;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Seeds;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.ParameterText;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;

/**
 * {@code dynamic_subnet(method, subnet, k = 4, targets = [], epochs = 0, latency_repeats = 10)}: one
 * of k nested subnets of the trial's network, for dynamic inference (Yang, He, Cao and Fan,
 * <i>Non-uniform DNN Structured Subnets Sampling for Dynamic Inference</i>, DAC 2020). The trial's
 * trained model is the full ("background") network, trained by the {@code train} block, typically
 * with {@code group_lasso = λ}; {@code targets} are the subnets' FLOPs as fractions of its FLOPs
 * (increasing, in (0, 1]; by default {@code 1/k, 2/k, ..., 1}). Each {@code method}:
 *
 * <ul>
 *   <li>{@code nonuniform}: channels ordered by their group-lasso importance in the background
 *       network ({@link ChannelImportance}), widths by removing the least important channels across
 *       layers ({@link SubnetWidths#nonUniform}); the k subnets then train together from the
 *       background weights ({@link JointTraining}: summed losses, shared weights, private batch
 *       norms) for {@code epochs} epochs (0: the {@code train} block's).
 *   <li>{@code uniform}: one width ratio in every layer, channels kept in index order (slimmable
 *       networks; {@link SubnetWidths#uniform}), trained together the same way.
 *   <li>{@code individual}: the non-uniform subnet {@code subnet} alone, from a fresh
 *       initialization, for the background's epochs plus {@code epochs}: as many passes over the data
 *       as the jointly trained subnets' weights received.
 * </ul>
 *
 * <p>The row is subnet {@code subnet} (1..k, smallest first) of its method, deployed as a
 * physically smaller network ({@link SubnetSlicer}). Columns: {@code widths} (the output width of
 * every dense and convolution layer but the classifier, in node order), {@code params}, {@code
 * flops}, {@code test_accuracy} (on the {@code train} block's {@code test_samples}), {@code
 * latency_b1_s} and {@code latency_b128_s} (median seconds of one forward pass at batch 1 and 128,
 * {@link SubnetLatency}: {@code 10 × latency_repeats} passes at batch 1, the k subnets of a method
 * timed round robin after their training, and {@code latency_repeats} at batch 128). The k rows of a method share one joint training ({@link SubnetTrainings}).
 */
public final class DynamicSubnetMetric implements Metric {

  /** The metric's name. */
  public static final String NAME = "dynamic_subnet";

  /** The columns, in order. */
  static final List<String> COLUMNS = List.of("widths", "params", "flops", "test_accuracy", "latency_b1_s",
      "latency_b128_s");

  private static final int MAX_K = 64;

  private final SubnetTrainings trainings;

  @Inject
  DynamicSubnetMetric(SubnetTrainings trainings) {
    this.trainings = trainings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "one of k nested subnets trained together (nonuniform by group-lasso importance, uniform) or alone"
        + " (individual): widths, params, FLOPs, test accuracy and latency at batch 1 and 128 (Yang et al., DAC 2020)";
  }

  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.ARCHITECTURE, Requirement.DATA, Requirement.TRAINED_MODEL);
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.required("method", ParamType.choice("nonuniform", "uniform", "individual"),
            "nonuniform (importance-ordered, trained together), uniform (one ratio, trained together) or individual"
                + " (each non-uniform subnet trained alone from scratch)"),
        ParameterSpec.required("subnet", new ParamType.Int(1, MAX_K, List.of()), "which subnet, 1..k, smallest first"),
        ParameterSpec.optional("k", new ParamType.Int(1, MAX_K, List.of()), 4L, "how many nested subnets, >= 1"),
        ParameterSpec.optional("targets", new ParamType.ListOf(new ParamType.Real(0, 1, true), 0, MAX_K), List.of(),
            "the subnets' FLOPs as fractions of the full network's, k values increasing in (0, 1]; [] = 1/k, 2/k, ..., 1"),
        ParameterSpec.optional("epochs", new ParamType.Int(0, 1_000_000, List.of()), 0L,
            "epochs of the joint training; 0 = the train block's epochs"),
        ParameterSpec.optional("latency_repeats", new ParamType.Int(1, 100_000, List.of()), 10L,
            "timed forward passes at batch 128 (ten times as many at batch 1), after 3 to warm up"));
  }

  @Override
  public List<String> columns(Parameters options) {
    return COLUMNS;
  }

  @Override
  public void validate(Parameters options, Optional<DataShape> data, Problems problems) {
    int k = options.getInt("k");
    List<Object> given = options.getList("targets");
    if (!given.isEmpty()) {
      if (given.size() != k) {
        problems.error("targets", "targets has " + given.size() + " values but k = " + k,
            "give one FLOPs fraction per subnet, or leave targets out for 1/k, 2/k, ..., 1");
        return;
      }
      for (int i = 1; i < given.size(); i++) {
        double a = ((Number) given.get(i - 1)).doubleValue();
        double b = ((Number) given.get(i)).doubleValue();
        if (b <= a) {
          problems.error("targets", "targets must increase, but " + ParameterText.number(b) + " follows "
              + ParameterText.number(a), "list the FLOPs fractions smallest first, each larger than the one before");
          return;
        }
      }
    }
    if (options.getInt("subnet") > k) {
      problems.error("subnet", "subnet " + options.getInt("subnet") + " does not exist: there are k = " + k,
          "choose subnets 1.." + k);
    }
  }

  @Override
  public void validateNetwork(Network network, Parameters options, Problems problems) {
    ChannelGroups groups;
    try {
      groups = ChannelGroups.of(network);
    } catch (IllegalArgumentException e) {
      problems.error(null, "dynamic_subnet can not slice " + network.family() + ": " + e.getMessage(),
          "give it a network of dense or convolution layers with channels between the input and the logits");
      return;
    }
    try {
      SubnetWidths.uniform(groups, new double[] {targets(options)[0]});
    } catch (IllegalArgumentException e) {
      problems.error("targets", e.getMessage(), "raise the smallest FLOPs target");
    }
  }

  /** The FLOPs targets of these options: as given, or 1/k, ..., 1. */
  static double[] targets(Parameters options) {
    List<Object> given = options.getList("targets");
    int k = options.getInt("k");
    double[] t = new double[given.isEmpty() ? k : given.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = given.isEmpty() ? (i + 1.0) / k : ((Number) given.get(i)).doubleValue();
    }
    return t;
  }

  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    String method = options.getString("method");
    int subnet = options.getInt("subnet");
    double[] targets = targets(options);
    TrainingOptions base = TrainingOptions.from(trial.training());
    int epochs = options.getInt("epochs") > 0 ? options.getInt("epochs") : base.epochs();
    Network full = trial.network();
    NetworkWeights background = trial.trainedModel().weights();
    Dataset data = trial.trainedModel().encoding().encode(trial.data());
    ChannelGroups groups = ChannelGroups.of(full);
    int repeats = options.getInt("latency_repeats");
    String key = String.format(Locale.ROOT, "%d|%s|%s|%s|%s|%d|%d|%s", trial.seed(), data.name(), method,
        method.equals("individual") ? Integer.toString(subnet) : "all", java.util.Arrays.toString(targets), epochs,
        repeats, ParameterText.value(trial.training(), ", "));
    Measured measured = trainings.get(key, () -> {
      try (SubnormalFlush.Scope flush = SubnormalFlush.open()) {
        return measure(train(method, subnet, targets, groups, background, data, base, epochs, trial.seed()), repeats);
      }
    });
    int k = method.equals("individual") ? 0 : subnet - 1;
    JointTraining.Subnet s = measured.subnets().get(k);
    return new MetricResult()
        .with("widths", layerWidths(s.network()))
        .with("params", s.network().parameters())
        .with("flops", s.network().flops())
        .with("test_accuracy", s.testAccuracy())
        .with("latency_b1_s", measured.batch1()[k])
        .with("latency_b128_s", measured.batch128()[k]);
  }

  /**
   * Trained subnets with their latencies.
   *
   * @param subnets the subnets, smallest first
   * @param batch1 each one's median seconds per forward pass at batch 1
   * @param batch128 the same at batch 128
   */
  record Measured(List<JointTraining.Subnet> subnets, double[] batch1, double[] batch128) {}

  /**
   * Times every subnet: ten times {@code repeats} passes at batch 1, round robin over the subnets,
   * and {@code repeats} at batch 128, one subnet after the other.
   */
  private static Measured measure(List<JointTraining.Subnet> subnets, int repeats) {
    List<Network> networks = subnets.stream().map(JointTraining.Subnet::network).toList();
    List<NetworkWeights> weights = subnets.stream().map(JointTraining.Subnet::weights).toList();
    double[] batch128 = new double[subnets.size()];
    for (int i = 0; i < batch128.length; i++) {
      // one at a time: a graph keeps scratch arrays for its largest batch
      batch128[i] = SubnetLatency.medians(networks.subList(i, i + 1), weights.subList(i, i + 1), 128, repeats)[0];
    }
    return new Measured(subnets, SubnetLatency.medians(networks, weights, 1, 10 * repeats), batch128);
  }

  /** The subnets of a method: all k, or for {@code individual} the one of {@code subnet}. */
  private static List<JointTraining.Subnet> train(String method, int subnet, double[] targets, ChannelGroups groups,
      NetworkWeights background, Dataset data, TrainingOptions base, int epochs, long seed) {
    switch (method) {
      case "nonuniform" -> {
        ChannelImportance importance = ChannelImportance.of(groups, background);
        return JointTraining.train(new SubnetSlicer(groups, importance.order()),
            SubnetWidths.nonUniform(importance, targets), background, data, withEpochs(base, epochs), seed);
      }
      case "uniform" -> {
        return JointTraining.train(SubnetSlicer.inIndexOrder(groups), SubnetWidths.uniform(groups, targets),
            background, data, withEpochs(base, epochs), seed);
      }
      default -> {
        ChannelImportance importance = ChannelImportance.of(groups, background);
        int[] widths = SubnetWidths.nonUniform(importance, targets).get(subnet - 1);
        Network alone = new SubnetSlicer(groups, importance.order()).network(widths);
        ChannelGroups own = ChannelGroups.of(alone);
        NetworkWeights init = InitialWeights.draw(alone, base.init(), Seeds.derive(seed, Seeds.WEIGHTS));
        JointTraining.Subnet one = JointTraining.train(SubnetSlicer.inIndexOrder(own), List.of(own.fullWidths()),
            init, data, withEpochs(base, base.epochs() + epochs), seed).get(0);
        return List.of(new JointTraining.Subnet(widths, one.network(), one.weights(), one.testAccuracy(),
            one.trainLoss()));
      }
    }
  }

  /** The output width of every dense and convolution layer but the last (the classifier), in node order. */
  static List<Integer> layerWidths(Network network) {
    List<Integer> out = new ArrayList<>();
    List<Node> nodes = network.nodes();
    for (Node node : nodes.subList(0, nodes.size() - 1)) {
      if (node.op() instanceof Op.Dense d) {
        out.add(d.out());
      } else if (node.op() instanceof Op.Conv2d c) {
        out.add(c.out());
      }
    }
    return out;
  }

  private static TrainingOptions withEpochs(TrainingOptions o, int epochs) {
    return new TrainingOptions(o.optimizer(), o.learningRate(), o.beta1(), o.beta2(), o.epsilon(), o.momentum(),
        o.nesterov(), o.weightDecay(), 0, "constant", 1, 1.0, o.batch(), epochs, o.init(), o.trainSamples(),
        o.testSamples());
  }
}
