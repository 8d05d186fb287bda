package org.nnx.dl4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Batch normalization for the graphs {@link GraphCompiler} builds: DL4J's {@code
 * BatchNormalization} (same parameters — scale, shift, running mean, running log10 standard
 * deviation — initializer and updater rules) with a faster runtime ({@link
 * FusedBatchNormalizationImpl}) whose running statistics follow PyTorch's rule. A rectified layer
 * computes {@code relu(γ x̂ + β)}: the {@code relu} after a ResNet's batch norms, with no vertex
 * and no pass over the activations of its own.
 */
public class FusedBatchNormalization extends BatchNormalization {

  private boolean rectified;

  /** An unconfigured layer; DL4J's JSON reader uses it. */
  public FusedBatchNormalization() {}

  /**
   * A configured layer.
   *
   * @param channels the channels (or features) normalized
   * @param eps added to the variance before its square root
   * @param decay the running statistics' decay (PyTorch's {@code 1 - momentum})
   */
  public static FusedBatchNormalization of(int channels, double eps, double decay) {
    BatchNormalization stock = new BatchNormalization.Builder().nIn(channels).nOut(channels).eps(eps).decay(decay)
        .build();
    FusedBatchNormalization l = new FusedBatchNormalization();
    // DL4J's builder constructor is private: take every field of the layer it builds
    for (Class<?> c = BatchNormalization.class; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        try {
          f.setAccessible(true);
          f.set(l, f.get(stock));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot configure batch normalization: " + f, e);
        }
      }
    }
    return l;
  }

  /** A configured layer followed by a rectifier, as {@link #of(int, double, double)} with {@code relu} applied after. */
  public static FusedBatchNormalization rectified(int channels, double eps, double decay) {
    FusedBatchNormalization l = of(channels, eps, decay);
    l.setRectified(true);
    return l;
  }

  /** Whether the layer's output is rectified, {@code relu(γ x̂ + β)}. */
  @JsonProperty("rectified")
  public boolean isRectified() {
    return rectified;
  }

  /** Sets whether the layer's output is rectified. */
  @JsonProperty("rectified")
  public void setRectified(boolean rectified) {
    this.rectified = rectified;
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    return LayerRuntimes.wire(new FusedBatchNormalizationImpl(conf, networkDataType), conf, initializer(), trainingListeners, layerIndex,
        layerParamsView, initializeParams);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FusedBatchNormalization;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FusedBatchNormalization f && super.equals(o) && rectified == f.rectified;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), rectified);
  }
}
