package org.nnx.smoothing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nnx.data.DataShape;
import org.nnx.data.Dataset;
import org.nnx.ir.TensorShape;
import org.nnx.model.TrainedModel;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;

/**
 * {@code patch_certificate(ablation, patch, threshold = 0.2, samples = 0)}: the exhaustive
 * certificate of (de)randomized smoothing (Levine and Feizi, NeurIPS 2020) of the trial's trained or
 * loaded model on the first {@code samples} test images (all when 0).
 *
 * <p>For every test image and every position of the ablation (all W columns, all H rows or all
 * H·W block corners), the (x, 1 − x)-encoded image with everything but that position ablated goes
 * through the network; each class whose softmax is at least θ gets the position's vote (several
 * classes when θ &lt; 0.5, none when no class reaches θ). {@link Certificate} gives the smoothed
 * prediction and whether a patch of side m, which affects at most Δ(m) positions ({@link
 * Ablation#delta}), can change it.
 *
 * <p>Columns, per patch size: {@code certified_accuracy} (certified and correct / N), {@code
 * certified_fraction} (certified / N), {@code smoothed_accuracy} (smoothed prediction correct / N);
 * with several sizes ({@code patch = [1, 2, 3]}) each is suffixed {@code _p1}, {@code _p2}, ...
 *
 * <p>The ablated copies of several images go through the network in one batch of about {@value
 * #BATCH} inputs.
 */
public final class PatchCertificateMetric implements Metric {

  /** The metric's name. */
  public static final String NAME = "patch_certificate";

  /** Network inputs per batch (whole images at a time; at least one image). */
  static final int BATCH = 1024;

  private static final List<ParameterSpec> PARAMETERS = List.of(
      ParameterSpec.optional("ablation", Ablation.OR_TRAINED, trained(),
          "the ablation: column(size = b), row(size = b), block(size = s), or trained: the trial's train { ablation }"),
      ParameterSpec.required("patch", new ParamType.OneOrList(new ParamType.Int(1, 1 << 20, List.of())),
          "side m of the square patch, or a list of sides (one set of columns each, suffixed _pM)"),
      ParameterSpec.optional("threshold", new ParamType.Real(0, 1, true), 0.2,
          "softmax a class needs for a position's vote, θ in (0, 1] (0.2: the authors' certify scripts)"),
      ParameterSpec.optional("samples", new ParamType.Int(0, Integer.MAX_VALUE, List.of()), 0L,
          "test images certified, the first ones; 0 = all"));

  private static Parameters trained() {
    return new Parameters(Ablation.TRAINED, java.util.Map.of(ParamType.Variant.KIND, Ablation.TRAINED));
  }

  /** The ablation to certify: the option's, or the one the trial was trained with. */
  static Ablation ablation(Parameters options, TrialContext trial) {
    Object value = options.get("ablation");
    if (!Ablation.isTrained(value)) {
      return Ablation.of(value);
    }
    if (!trial.trainingInputs().has(AblationInput.NAME)) {
      throw new IllegalStateException("patch_certificate certifies the trained ablation, but the trial was not trained"
          + " on ablated inputs: write patch_certificate(ablation = column(size = b), ...) or train { ablation = ... }");
    }
    return Ablation.of(trial.trainingInputs().get(AblationInput.NAME));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "certified accuracy against adversarial patches by (de)randomized smoothing (Levine and Feizi,"
        + " NeurIPS 2020): certified_accuracy, certified_fraction, smoothed_accuracy";
  }

  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.TRAINED_MODEL);
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  @Override
  public List<String> columns(Parameters options) {
    List<Integer> patches = patches(options);
    List<String> out = new ArrayList<>();
    for (int m : patches) {
      String suffix = patches.size() == 1 ? "" : "_p" + m;
      out.add("certified_accuracy" + suffix);
      out.add("certified_fraction" + suffix);
      out.add("smoothed_accuracy" + suffix);
    }
    return out;
  }

  @Override
  public void validate(Parameters options, Optional<DataShape> data, Problems problems) {
    List<Integer> patches = patches(options);
    if (patches.stream().distinct().count() < patches.size()) {
      problems.error("patch", "a patch size is listed twice", "list each size once");
    }
    if (data.isEmpty()) {
      return;
    }
    TensorShape shape = data.get().input();
    if (!Ablation.isTrained(options.get("ablation"))) {
      AblationInput.check(Ablation.of(options.get("ablation")), shape, "ablation", problems);
    }
    if (!shape.isVector()) {
      int side = Math.min(shape.height(), shape.width());
      for (int m : patches) {
        if (m > side) {
          problems.error("patch", "a patch of side " + m + " is larger than the " + shape.height() + "x"
              + shape.width() + " images", "patch sides are at most " + side);
          break;
        }
      }
    }
  }

  /** The network takes the (x, 1 − x)-encoded images: 2C channels. */
  @Override
  public Optional<TensorShape> networkInput(TensorShape data, TensorShape model, Parameters options) {
    return Optional.of(SmoothingEncoding.INSTANCE.shape(data));
  }

  static List<Integer> patches(Parameters options) {
    return options.getList("patch").stream().map(v -> ((Number) v).intValue()).toList();
  }

  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    Dataset data = trial.data();
    Ablation ablation = ablation(options, trial);
    double threshold = options.getDouble("threshold");
    long samples = options.getLong("samples");
    int n = samples == 0 ? data.test().size() : (int) Math.min(samples, data.test().size());
    List<Integer> patches = patches(options);
    int[][] votes = votes(trial, trial.trainedModel(), data, n, ablation, threshold);
    MetricResult result = new MetricResult();
    for (int m : patches) {
      long delta = ablation.delta(m);
      int certified = 0;
      int certifiedCorrect = 0;
      int correct = 0;
      for (int i = 0; i < n; i++) {
        Certificate c = Certificate.of(votes[i]);
        boolean right = c.top() == data.test().labels()[i];
        boolean sure = c.certified(delta);
        correct += right ? 1 : 0;
        certified += sure ? 1 : 0;
        certifiedCorrect += sure && right ? 1 : 0;
      }
      String suffix = patches.size() == 1 ? "" : "_p" + m;
      result.with("certified_accuracy" + suffix, (double) certifiedCorrect / n)
          .with("certified_fraction" + suffix, (double) certified / n)
          .with("smoothed_accuracy" + suffix, (double) correct / n);
    }
    return result;
  }

  /** Probabilities kept for other thresholds of the same trial, at most this many values (64 MB). */
  static final long MAX_KEPT = 16L << 20;

  /**
   * The votes of the first {@code n} images of {@code split} for the trial's model: the class
   * probabilities of every ablated copy are computed once per trial, ablation and n and shared by
   * the trial's certificates at other thresholds (when they fit in {@link #MAX_KEPT} values).
   */
  static int[][] votes(TrialContext trial, TrainedModel model, Dataset data, int n, Ablation ablation,
      double threshold) {
    int positions = ablation.positions(data.inputShape().height(), data.inputShape().width());
    long size = (long) n * positions * data.classes();
    if (size > MAX_KEPT) {
      return votes(model, data.test(), data.inputShape(), n, ablation, threshold, data.classes());
    }
    float[] p = trial.shared("smoothing.probabilities " + ablation.text() + " " + n, () ->
        probabilities(model, data.test(), data.inputShape(), n, ablation, data.classes()));
    int[][] votes = new int[n][data.classes()];
    for (int i = 0; i < n; i++) {
      count(p, i * positions * data.classes(), positions, data.classes(), threshold, votes[i]);
    }
    return votes;
  }

  /** Adds one vote per position to each class whose probability is at least {@code threshold}. */
  private static void count(float[] p, int from, int positions, int classes, double threshold, int[] votes) {
    for (int q = 0; q < positions; q++) {
      int row = from + q * classes;
      for (int k = 0; k < classes; k++) {
        if (p[row + k] >= threshold) {
          votes[k]++;
        }
      }
    }
  }

  /** The class probabilities of every ablated copy of the first {@code n} images, image by image, position by position. */
  static float[] probabilities(TrainedModel model, Dataset.Split split, TensorShape shape, int n, Ablation ablation,
      int classes) {
    int positions = ablation.positions(shape.height(), shape.width());
    float[] out = new float[Math.toIntExact((long) n * positions * classes)];
    batches(model, split, shape, n, ablation, (first, images, p) ->
        System.arraycopy(p, 0, out, first * positions * classes, images * positions * classes));
    return out;
  }

  /** What is done with the probabilities of a batch of whole images. */
  @FunctionalInterface
  private interface Batch {
    void accept(int firstImage, int images, float[] probabilities);
  }

  /**
   * The votes of the first {@code n} images of {@code split}: {@code votes[i][k]} counts the
   * positions at which class k's softmax is at least {@code threshold}.
   */
  static int[][] votes(TrainedModel model, Dataset.Split split, TensorShape shape, int n, Ablation ablation,
      double threshold, int classes) {
    int positions = ablation.positions(shape.height(), shape.width());
    int[][] votes = new int[n][classes];
    batches(model, split, shape, n, ablation, (first, images, p) -> {
      for (int i = 0; i < images; i++) {
        count(p, i * positions * classes, positions, classes, threshold, votes[first + i]);
      }
    });
    return votes;
  }

  /** Runs the ablated, encoded copies of the first {@code n} images through the model, whole images per batch. */
  private static void batches(TrainedModel model, Dataset.Split split, TensorShape shape, int n, Ablation ablation,
      Batch batchDone) {
    TensorShape encoded = SmoothingEncoding.INSTANCE.shape(shape);
    int h = shape.height();
    int w = shape.width();
    int positions = ablation.positions(h, w);
    int raw = Math.toIntExact(shape.size());
    int size = Math.toIntExact(encoded.size());
    int perBatch = Math.max(1, BATCH / positions);
    float[] batch = new float[Math.multiplyExact(Math.min(perBatch, n) * positions, size)];
    float[] image = new float[size];
    for (int first = 0; first < n; first += perBatch) {
      int images = Math.min(perBatch, n - first);
      for (int i = 0; i < images; i++) {
        SmoothingEncoding.INSTANCE.encode(split.features(), (first + i) * raw, image, 0, shape);
        for (int p = 0; p < positions; p++) {
          ablation.ablate(image, 0, batch, (i * positions + p) * size, encoded.channels(), h, w, p);
        }
      }
      batchDone.accept(first, images, model.probabilities(batch, images * positions));
    }
  }
}
