package org.nnx.smoothing;

import java.nio.FloatBuffer;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nnx.data.BatchTransform;
import org.nnx.data.DataShape;
import org.nnx.data.InputEncoding;
import org.nnx.ir.TensorShape;
import org.nnx.param.ParamType;
import org.nnx.param.Problems;
import org.nnx.plugin.TrainingInput;

/**
 * {@code train { ablation = column(size = b) }} (or {@code row}, {@code block}): training on ablated
 * inputs for (de)randomized smoothing. Every input of the trial's model is encoded as (x, 1 − x)
 * ({@link SmoothingEncoding}: a network for C-channel images takes 2C channels), and each training
 * minibatch keeps one position of the ablation, drawn uniformly from the training's stream and the
 * same for the whole minibatch (the authors' default), ablating the rest. The trained model's test
 * accuracy is then its accuracy on unablated encoded images.
 */
public final class AblationInput implements TrainingInput {

  /** The setting's name. */
  public static final String NAME = "ablation";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "train on ablated (x, 1 - x)-encoded images, one position per minibatch ((de)randomized smoothing,"
        + " Levine and Feizi 2020): column(size = b), row(size = b) or block(size = s)";
  }

  @Override
  public ParamType type() {
    return Ablation.TYPE;
  }

  @Override
  public void validate(Object value, Optional<DataShape> data, Problems problems) {
    data.ifPresent(d -> check(Ablation.of(value), d.input(), NAME, problems));
  }

  /** Reports an ablation that does not fit images of {@code shape}. */
  static void check(Ablation a, TensorShape shape, String option, Problems problems) {
    if (shape.isVector()) {
      problems.error(option, "an ablation needs images; the data's examples are vectors of " + shape.channels()
          + " values", "ablation works on data sets of c x h x w images, e.g. mnist");
      return;
    }
    int limit = switch (a.kind()) {
      case COLUMN -> shape.width();
      case ROW -> shape.height();
      case BLOCK -> Math.min(shape.height(), shape.width());
    };
    if (a.size() > limit) {
      problems.error(option, a.text() + " keeps more than the " + shape.height() + "x" + shape.width() + " image has",
          "the size is at most " + limit);
    }
  }

  @Override
  public InputEncoding encoding(Object value) {
    return SmoothingEncoding.INSTANCE;
  }

  @Override
  public Optional<BatchTransform> batches(Object value) {
    Ablation a = Ablation.of(value);
    return Optional.of((FloatBuffer batch, int examples, TensorShape example, SplittableRandom random) -> {
      int h = example.height();
      int w = example.width();
      int position = random.nextInt(a.positions(h, w));
      int plane = h * w;
      int channels = example.channels();
      for (int n = 0; n < examples; n++) {
        int base = n * channels * plane;
        for (int r = 0; r < h; r++) {
          for (int c = 0; c < w; c++) {
            if (!a.keeps(position, r, c, h, w)) {
              for (int ch = 0; ch < channels; ch++) {
                batch.put(base + ch * plane + r * w + c, 0f);
              }
            }
          }
        }
      }
    });
  }
}
