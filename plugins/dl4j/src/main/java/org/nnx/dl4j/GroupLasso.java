package org.nnx.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The group-lasso penalty {@code λ Σ_i ||W_i||₂} over the output channels i of one layer's weight
 * array (Yuan and Lin, 2006; the importance training of Yang et al., DAC 2020): its gradient {@code λ
 * W_i / ||W_i||₂} is added to the loss gradient before the updater, as PyTorch adds the gradient of a
 * penalty term to the loss, and a channel whose weights are all 0 gets the subgradient 0.
 *
 * <p>In the buffer order of a layer's weights each output channel owns one of {@code channels} equal
 * consecutive blocks: a dense weight {@code [in, out]} is
 * stored column by column ('f' order), a convolution weight {@code [out, in, k, k]} filter by filter
 * ('c' order).
 */
public final class GroupLasso implements Regularization {

  private static final long serialVersionUID = 1L;

  private final double coefficient;
  private final int channels;

  /**
   * @param coefficient λ, at least 0
   * @param channels the layer's output channels, at least 1
   */
  @JsonCreator
  public GroupLasso(@JsonProperty("coefficient") double coefficient, @JsonProperty("channels") int channels) {
    if (!(coefficient >= 0) || channels < 1) {
      throw new IllegalArgumentException("group lasso needs λ >= 0 and at least one channel, got " + coefficient
          + ", " + channels);
    }
    this.coefficient = coefficient;
    this.channels = channels;
  }

  @JsonProperty("coefficient")
  public double coefficient() {
    return coefficient;
  }

  @JsonProperty("channels")
  public int channels() {
    return channels;
  }

  @Override
  public ApplyStep applyStep() {
    return ApplyStep.BEFORE_UPDATER;
  }

  @Override
  public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
    double[] w = flat(param);
    double[] norms = norms(w);
    int block = w.length / channels;
    double[] add = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double n = norms[i / block];
      add[i] = n > 0 ? coefficient * w[i] / n : 0;
    }
    gradView.addi(Nd4j.create(add).castTo(gradView.dataType()).reshape(gradView.shape()));
  }

  @Override
  public double score(INDArray param, int iteration, int epoch) {
    double sum = 0;
    for (double n : norms(flat(param))) {
      sum += n;
    }
    return coefficient * sum;
  }

  /**
   * The values in the buffer order of the layer's weights: DL4J's updater passes the flat view, its
   * score computation the shaped view, whose own ordering ('f' dense, 'c' convolution) is that order.
   */
  private static double[] flat(INDArray param) {
    return param.dup(param.ordering()).data().asDouble();
  }

  private double[] norms(double[] w) {
    if (w.length % channels != 0) {
      throw new IllegalArgumentException(w.length + " weights do not split into " + channels + " channels");
    }
    int block = w.length / channels;
    double[] norms = new double[channels];
    for (int i = 0; i < w.length; i++) {
      norms[i / block] += w[i] * w[i];
    }
    for (int c = 0; c < channels; c++) {
      norms[c] = Math.sqrt(norms[c]);
    }
    return norms;
  }

  @Override
  public Regularization clone() {
    return new GroupLasso(coefficient, channels);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupLasso g && g.coefficient == coefficient && g.channels == channels;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(coefficient) * 31 + channels;
  }

  @Override
  public String toString() {
    return "GroupLasso(" + coefficient + ", " + channels + " channels)";
  }
}
