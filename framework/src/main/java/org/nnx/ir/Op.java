package org.nnx.ir;

import java.util.List;

/**
 * What one node of a {@link Network} computes. Ops are pure descriptions; back ends (metrics,
 * hardware models, DL4J) interpret them.
 *
 * <p>Counting conventions (the NN-Mass authors', extended to convolutions): a parameter is a
 * trainable scalar (batch-norm running statistics are not parameters); a FLOP is one
 * multiplication or one addition of a dense or convolution layer, so a layer with {@code m}
 * multiply-accumulates and {@code b} bias terms costs {@code 2m + b}; normalization, activations,
 * pooling, additions and concatenations cost 0 FLOPs.
 */
public sealed interface Op
    permits Op.Input, Op.Dense, Op.Conv2d, Op.BatchNorm, Op.Act, Op.Pool, Op.GlobalAvgPool,
        Op.Flatten, Op.Scale, Op.Add, Op.Concat, Op.Gather {

  /** The output shape for the given input shapes. */
  TensorShape output(List<TensorShape> inputs);

  /**
   * Calls the visitor's method for this op. Every back end that interprets networks (the reference
   * interpreter, DL4J's compiler, the hardware models) implements {@link Visitor}, so a new op does
   * not compile until each of them handles it.
   */
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per op.
   *
   * @param <R> what the visitor computes for an op
   */
  interface Visitor<R> {
    R input(Input op);

    R dense(Dense op);

    R conv2d(Conv2d op);

    R batchNorm(BatchNorm op);

    R act(Act op);

    R pool(Pool op);

    R globalAvgPool(GlobalAvgPool op);

    R flatten(Flatten op);

    R scale(Scale op);

    R add(Add op);

    R concat(Concat op);

    R gather(Gather op);
  }

  /** Trainable parameters. */
  default long parameters() {
    return 0;
  }

  /** Floating-point operations for one example (see the class comment for the convention). */
  default long flops(List<TensorShape> inputs) {
    return 0;
  }

  /** The network input. */
  record Input(TensorShape shape) implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.input(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      return shape;
    }
  }

  /** A fully connected layer {@code y = W x + b} from {@code in} to {@code out} features. */
  record Dense(int in, int out, boolean bias) implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.dense(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      requireSize(inputs, in, "dense");
      return TensorShape.vector(out);
    }

    public long parameters() {
      return (long) in * out + (bias ? out : 0);
    }

    public long flops(List<TensorShape> inputs) {
      return 2L * in * out + (bias ? out : 0);
    }
  }

  /** A 2-d convolution with square kernels, zero padding and channel groups. */
  record Conv2d(int in, int out, int kernel, int stride, int padding, int groups, boolean bias) implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.conv2d(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      TensorShape x = single(inputs, "conv2d");
      if (x.channels() != in) {
        throw new IllegalArgumentException("conv2d expects " + in + " channels, got " + x.channels());
      }
      return new TensorShape(out, outSize(x.height()), outSize(x.width()));
    }

    private int outSize(int n) {
      return (n + 2 * padding - kernel) / stride + 1;
    }

    public long parameters() {
      return (long) kernel * kernel * (in / groups) * out + (bias ? out : 0);
    }

    public long flops(List<TensorShape> inputs) {
      TensorShape y = output(inputs);
      long positions = (long) y.height() * y.width();
      long macs = (long) kernel * kernel * (in / groups) * out * positions;
      return 2 * macs + (bias ? out * positions : 0);
    }
  }

  /** Batch normalization over channels, with a learned scale and shift per channel. */
  record BatchNorm(int channels) implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.batchNorm(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      return single(inputs, "batch_norm");
    }

    public long parameters() {
      return 2L * channels;
    }
  }

  /** An element-wise activation. */
  record Act(Activation function) implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.act(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      return single(inputs, function.keyword());
    }
  }

  /** Max or average pooling with square windows. */
  record Pool(boolean max, int kernel, int stride, int padding) implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pool(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      TensorShape x = single(inputs, "pool");
      return new TensorShape(x.channels(), (x.height() + 2 * padding - kernel) / stride + 1,
          (x.width() + 2 * padding - kernel) / stride + 1);
    }
  }

  /** Average over all spatial positions: {@code c x h x w -> c}. */
  record GlobalAvgPool() implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.globalAvgPool(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      return TensorShape.vector(single(inputs, "global_avg_pool").channels());
    }
  }

  /** Reshapes {@code c x h x w} to a vector of {@code c*h*w} values (channel-major). */
  record Flatten() implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.flatten(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      return TensorShape.vector(Math.toIntExact(single(inputs, "flatten").size()));
    }
  }

  /**
   * Multiplies every value by a constant {@code factor}: the scale {@code ε} of a residual link's
   * identity, {@code h + ε x} written as {@code Add(h, Scale(ε)(x))}. No parameters, 0 FLOPs (like
   * the other element-wise ops).
   */
  record Scale(double factor) implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.scale(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      return single(inputs, "scale");
    }
  }

  /** Element-wise sum of inputs of equal shape (residual links). */
  record Add() implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.add(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      TensorShape first = inputs.get(0);
      for (TensorShape s : inputs) {
        if (!s.equals(first)) {
          throw new IllegalArgumentException("add of unequal shapes " + inputs);
        }
      }
      return first;
    }
  }

  /** Concatenation along channels (features) of inputs with equal height and width. */
  record Concat() implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.concat(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      return concatenated(inputs);
    }
  }

  /**
   * Selects channels, in the given order, from the channel concatenation of the inputs: the
   * long-range (DenseNet-type) links of NN-Mass cells, which take randomly sampled neurons or
   * channels of earlier layers.
   */
  record Gather(int[] indices) implements Op {
    public <R> R accept(Visitor<R> visitor) {
      return visitor.gather(this);
    }

    public TensorShape output(List<TensorShape> inputs) {
      TensorShape all = concatenated(inputs);
      for (int i : indices) {
        if (i < 0 || i >= all.channels()) {
          throw new IllegalArgumentException("gather index " + i + " outside 0.." + (all.channels() - 1));
        }
      }
      return new TensorShape(indices.length, all.height(), all.width());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Gather g && java.util.Arrays.equals(indices, g.indices);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
      return "Gather" + java.util.Arrays.toString(indices);
    }
  }

  private static TensorShape single(List<TensorShape> inputs, String what) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(what + " takes one input, got " + inputs.size());
    }
    return inputs.get(0);
  }

  private static void requireSize(List<TensorShape> inputs, int size, String what) {
    long total = single(inputs, what).size();
    if (total != size) {
      throw new IllegalArgumentException(what + " expects " + size + " inputs, got " + total);
    }
  }

  private static TensorShape concatenated(List<TensorShape> inputs) {
    int channels = 0;
    TensorShape first = inputs.get(0);
    for (TensorShape s : inputs) {
      if (s.height() != first.height() || s.width() != first.width()) {
        throw new IllegalArgumentException("concatenation of unequal spatial sizes " + inputs);
      }
      channels += s.channels();
    }
    return new TensorShape(channels, first.height(), first.width());
  }
}
