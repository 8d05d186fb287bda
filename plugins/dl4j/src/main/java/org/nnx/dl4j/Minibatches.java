package org.nnx.dl4j;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnx.data.Dataset;

/**
 * The minibatches of one split, as ND4J arrays allocated once (outside any workspace) and refilled
 * in place for every epoch: features {@code [b, ...shape]} (float, row-major) and one-hot labels
 * {@code [b, classes]}. The arrays hold nothing until {@link #inOrder} or {@link #shuffle} fills
 * them. Filling copies each example's row of the split's {@code float[]} straight
 * into the array's native buffer, so an epoch costs one copy of the data and no allocation.
 */
public final class Minibatches implements AutoCloseable {

  private final Dataset.Split split;
  private final int examples;
  private final int rowSize;
  private final int classes;
  private final INDArray[] features;
  private final INDArray[] labels;
  private final int[] order;

  /**
   * @param split the data
   * @param examples how many of the split's first examples to use, at least 1
   * @param batch examples per minibatch (the last one may be smaller), at least 1
   * @param classes label classes
   * @param exampleShape the graph's input shape without the batch dimension
   */
  public Minibatches(Dataset.Split split, int examples, int batch, int classes, long[] exampleShape) {
    this.split = split;
    this.examples = examples;
    this.classes = classes;
    long size = 1;
    for (long s : exampleShape) {
      size *= s;
    }
    this.rowSize = Math.toIntExact(size);
    if ((long) split.features().length < (long) examples * rowSize) {
      throw new IllegalArgumentException("the data have " + split.features().length / Math.max(1, rowSize)
          + " examples of " + rowSize + " values, not " + examples);
    }
    int count = (examples + batch - 1) / batch;
    features = new INDArray[count];
    labels = new INDArray[count];
    for (int i = 0; i < count; i++) {
      int b = Math.min(batch, examples - i * batch);
      long[] shape = new long[exampleShape.length + 1];
      shape[0] = b;
      System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
      features[i] = Nd4j.createUninitializedDetached(DataType.FLOAT, shape);
      labels[i] = Nd4j.createUninitializedDetached(DataType.FLOAT, b, classes);
    }
    order = new int[examples];
    for (int i = 0; i < examples; i++) {
      order[i] = i;
    }
  }

  /** Minibatches per pass. */
  public int count() {
    return features.length;
  }

  /** The features of minibatch {@code i}. */
  public INDArray features(int i) {
    return features[i];
  }

  /** The one-hot labels of minibatch {@code i}. */
  public INDArray labels(int i) {
    return labels[i];
  }

  /** The split index of the {@code j}-th example of the current order. */
  public int example(int j) {
    return order[j];
  }

  /** Fills the minibatches with the examples in split order. */
  public void inOrder() {
    for (int i = 0; i < examples; i++) {
      order[i] = i;
    }
    fill();
  }

  /** Draws a new order (Fisher-Yates with {@code random}) and refills every minibatch. */
  public void shuffle(SplittableRandom random) {
    for (int i = examples - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    fill();
  }

  private void fill() {
    float[] x = split.features();
    int[] y = split.labels();
    int j = 0;
    for (int i = 0; i < features.length; i++) {
      FloatBuffer f = features[i].data().asNioFloat();
      FloatBuffer l = labels[i].data().asNioFloat();
      int b = (int) features[i].size(0);
      for (int r = 0; r < b; r++, j++) {
        int e = order[j];
        f.put(r * rowSize, x, e * rowSize, rowSize);
        int label = y[e];
        if (label < 0 || label >= classes) {
          throw new IllegalArgumentException("label " + label + " of example " + e + " outside 0.." + (classes - 1));
        }
        for (int c = 0; c < classes; c++) {
          l.put(r * classes + c, c == label ? 1f : 0f);
        }
      }
    }
  }

  /** Frees the arrays' native memory now instead of when the garbage collector finds them. */
  @Override
  public void close() {
    for (int i = 0; i < features.length; i++) {
      features[i].close();
      labels[i].close();
    }
  }
}
