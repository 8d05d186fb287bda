package org.nnx.data;

import org.nnx.ir.TensorShape;

/**
 * How the examples of a data set become the inputs a trained model takes, applied to every input
 * the model sees, in training and after it: e.g. the (x, 1 − x) encoding of (de)randomized
 * smoothing, which doubles the channels. Deterministic and free of state.
 */
public interface InputEncoding {

  /** The identity: the model takes the data's examples as they are. */
  InputEncoding NONE = new InputEncoding() {
    @Override
    public TensorShape shape(TensorShape example) {
      return example;
    }

    @Override
    public void encode(float[] in, int inOffset, float[] out, int outOffset, TensorShape example) {
      int n = Math.toIntExact(example.size());
      System.arraycopy(in, inOffset, out, outOffset, n);
    }

    @Override
    public String describe() {
      return "none";
    }
  };

  /** The shape of an encoded example of shape {@code example}. */
  TensorShape shape(TensorShape example);

  /**
   * Encodes one example.
   *
   * @param in the data, holding the example of {@code example.size()} values at {@code inOffset}
   * @param out receives {@code shape(example).size()} values at {@code outOffset}
   */
  void encode(float[] in, int inOffset, float[] out, int outOffset, TensorShape example);

  /** What the encoding is, for logs and keys, e.g. {@code (x, 1 - x)}. */
  String describe();

  /** The data set with every example of both splits encoded (the same data set when this is {@link #NONE}). */
  default Dataset encode(Dataset data) {
    if (this == NONE) {
      return data;
    }
    TensorShape shape = shape(data.inputShape());
    return new Dataset(data.name() + " encoded " + describe(), shape, data.classes(), encode(data.train(),
        data.inputShape()), encode(data.test(), data.inputShape()));
  }

  /** The split with every example encoded. */
  default Dataset.Split encode(Dataset.Split split, TensorShape example) {
    int in = Math.toIntExact(example.size());
    int out = Math.toIntExact(shape(example).size());
    float[] encoded = new float[Math.multiplyExact(split.size(), out)];
    for (int e = 0; e < split.size(); e++) {
      encode(split.features(), e * in, encoded, e * out, example);
    }
    return new Dataset.Split(encoded, split.labels());
  }
}
