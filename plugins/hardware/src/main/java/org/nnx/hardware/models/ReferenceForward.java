package org.nnx.hardware.models;

import java.util.List;
import java.util.SplittableRandom;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * A plain-Java inference of one example through a network of the IR, single-threaded, in 32-bit
 * floats, with weights drawn once from a seed: the workload {@code calibrate = measured} times on
 * this machine. Activations are laid out channel-major ({@code c x h x w}, row-major within a
 * channel), so concatenations and gathers along channels are contiguous copies.
 *
 * <p>Semantics per op: dense {@code y = W x + b}; convolution with zero padding, stride and groups
 * (cross-correlation, as in PyTorch); batch normalization in inference form {@code y = gamma (x -
 * mean) / sqrt(var + 1e-5) + beta}; max pooling over the window (padding ignored), average pooling
 * dividing by {@code kernel^2} (padding counted, PyTorch's default); global average pooling;
 * scale {@code y = factor * x}; element-wise sum; channel concatenation; gather of the listed channels of the inputs'
 * concatenation; activations as named ({@code leaky_relu} with slope 0.01, {@code elu} with alpha
 * 1). Dense layers and convolutions share one inner loop, a dot product over contiguous weights,
 * so a FLOP costs about the same in both. Buffers are allocated once, so {@link #run} allocates
 * nothing.
 */
final class ReferenceForward {

  private final Network network;
  private final float[][] out;
  private final float[][] weights;
  private final float[][] biases;
  private final float[] patch;

  /**
   * Prepares the network: draws every weight uniformly from {@code [-1/sqrt(fan_in),
   * 1/sqrt(fan_in)]} (PyTorch's default range) and allocates every buffer.
   *
   * @param network the network
   * @param seed the seed of the weights
   */
  ReferenceForward(Network network, long seed) {
    this.network = network;
    List<Node> nodes = network.nodes();
    out = new float[nodes.size()][];
    weights = new float[nodes.size()][];
    biases = new float[nodes.size()][];
    SplittableRandom random = new SplittableRandom(seed);
    int largestPatch = 0;
    for (Node n : nodes) {
      out[n.id()] = new float[Math.toIntExact(n.output().size())];
      if (n.op() instanceof Op.Dense d) {
        weights[n.id()] = uniform(random, (long) d.in() * d.out(), d.in());
        biases[n.id()] = d.bias() ? uniform(random, d.out(), d.in()) : null;
      } else if (n.op() instanceof Op.Conv2d c) {
        int fanIn = c.kernel() * c.kernel() * (c.in() / c.groups());
        largestPatch = Math.max(largestPatch, fanIn);
        weights[n.id()] = uniform(random, (long) fanIn * c.out(), fanIn);
        biases[n.id()] = c.bias() ? uniform(random, c.out(), fanIn) : null;
      } else if (n.op() instanceof Op.BatchNorm b) {
        float[] scale = new float[b.channels()];
        float[] shift = new float[b.channels()];
        for (int ch = 0; ch < b.channels(); ch++) {
          double gamma = 0.5 + random.nextDouble();
          double beta = random.nextDouble() - 0.5;
          double mean = random.nextDouble() - 0.5;
          double var = 0.5 + random.nextDouble();
          scale[ch] = (float) (gamma / Math.sqrt(var + 1e-5));
          shift[ch] = (float) (beta - mean * scale[ch]);
        }
        weights[n.id()] = scale;
        biases[n.id()] = shift;
      }
    }
    patch = new float[largestPatch];
  }

  private static float[] uniform(SplittableRandom random, long size, int fanIn) {
    float[] w = new float[Math.toIntExact(size)];
    double bound = 1 / Math.sqrt(Math.max(1, fanIn));
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) ((2 * random.nextDouble() - 1) * bound);
    }
    return w;
  }

  /**
   * Runs one inference.
   *
   * @param input the example, {@code network.input().size()} values, channel-major
   * @return the output (logits) buffer; overwritten by the next call
   */
  float[] run(float[] input) {
    if (input.length != out[0].length) {
      throw new IllegalArgumentException("input has " + input.length + " values, the network takes " + out[0].length);
    }
    System.arraycopy(input, 0, out[0], 0, input.length);
    List<Node> nodes = network.nodes();
    for (int i = 1; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      float[] y = out[i];
      Op op = n.op();
      if (op instanceof Op.Dense d) {
        dense(out[n.inputs().get(0)], weights[i], biases[i], y, d.in(), d.out());
      } else if (op instanceof Op.Conv2d c) {
        conv(out[n.inputs().get(0)], n.inputShapes().get(0), weights[i], biases[i], y, n.output(), c, patch);
      } else if (op instanceof Op.BatchNorm) {
        affine(out[n.inputs().get(0)], weights[i], biases[i], y, n.output());
      } else if (op instanceof Op.Act a) {
        activate(out[n.inputs().get(0)], y, a.function());
      } else if (op instanceof Op.Pool p) {
        pool(out[n.inputs().get(0)], n.inputShapes().get(0), y, n.output(), p);
      } else if (op instanceof Op.GlobalAvgPool) {
        globalAverage(out[n.inputs().get(0)], n.inputShapes().get(0), y);
      } else if (op instanceof Op.Flatten) {
        System.arraycopy(out[n.inputs().get(0)], 0, y, 0, y.length);
      } else if (op instanceof Op.Scale sc) {
        float[] x = out[n.inputs().get(0)];
        float factor = (float) sc.factor();
        for (int j = 0; j < y.length; j++) {
          y[j] = x[j] * factor;
        }
      } else if (op instanceof Op.Add) {
        add(n, y);
      } else if (op instanceof Op.Concat) {
        int at = 0;
        for (int in : n.inputs()) {
          System.arraycopy(out[in], 0, y, at, out[in].length);
          at += out[in].length;
        }
      } else if (op instanceof Op.Gather g) {
        gather(n, g.indices(), y);
      } else {
        throw new IllegalArgumentException("the reference forward pass cannot run " + op);
      }
    }
    return out[nodes.size() - 1];
  }

  private static void dense(float[] x, float[] w, float[] b, float[] y, int in, int outs) {
    for (int o = 0; o < outs; o++) {
      float s = b == null ? 0 : b[o];
      int row = o * in;
      for (int i = 0; i < in; i++) {
        s += w[row + i] * x[i];
      }
      y[o] = s;
    }
  }

  /**
   * Convolution by patches: for each output position and group, the input patch is copied once
   * into {@code patch} (zeros where the window leaves the input), then every output channel of the
   * group is one contiguous dot product with its weight row, the same inner loop as {@link #dense}.
   */
  private void conv(float[] x, TensorShape xs, float[] w, float[] b, float[] y, TensorShape ys, Op.Conv2d c,
      float[] patch) {
    int k = c.kernel();
    int inPerGroup = c.in() / c.groups();
    int outPerGroup = c.out() / c.groups();
    int h = xs.height();
    int wd = xs.width();
    int plane = ys.height() * ys.width();
    int fanIn = inPerGroup * k * k;
    for (int oy = 0; oy < ys.height(); oy++) {
      for (int ox = 0; ox < ys.width(); ox++) {
        for (int g = 0; g < c.groups(); g++) {
          int at = 0;
          for (int ic = 0; ic < inPerGroup; ic++) {
            int xBase = (g * inPerGroup + ic) * h * wd;
            for (int ky = 0; ky < k; ky++) {
              int iy = oy * c.stride() - c.padding() + ky;
              for (int kx = 0; kx < k; kx++) {
                int ix = ox * c.stride() - c.padding() + kx;
                patch[at++] = iy >= 0 && iy < h && ix >= 0 && ix < wd ? x[xBase + iy * wd + ix] : 0;
              }
            }
          }
          for (int o = g * outPerGroup; o < (g + 1) * outPerGroup; o++) {
            float s = b == null ? 0 : b[o];
            int row = o * fanIn;
            for (int i = 0; i < fanIn; i++) {
              s += w[row + i] * patch[i];
            }
            y[o * plane + oy * ys.width() + ox] = s;
          }
        }
      }
    }
  }

  private static void affine(float[] x, float[] scale, float[] shift, float[] y, TensorShape s) {
    int plane = s.height() * s.width();
    for (int ch = 0; ch < s.channels(); ch++) {
      for (int j = ch * plane; j < (ch + 1) * plane; j++) {
        y[j] = x[j] * scale[ch] + shift[ch];
      }
    }
  }

  private static void activate(float[] x, float[] y, Activation f) {
    for (int j = 0; j < y.length; j++) {
      float v = x[j];
      y[j] = switch (f) {
        case RELU -> v > 0 ? v : 0;
        case RELU6 -> Math.min(Math.max(v, 0), 6);
        case LEAKY_RELU -> v > 0 ? v : 0.01f * v;
        case ELU -> v > 0 ? v : (float) Math.expm1(v);
        case TANH -> (float) Math.tanh(v);
        case SIGMOID -> (float) (1 / (1 + Math.exp(-v)));
        case ABS -> Math.abs(v);
        case IDENTITY -> v;
      };
    }
  }

  private static void pool(float[] x, TensorShape xs, float[] y, TensorShape ys, Op.Pool p) {
    int h = xs.height();
    int wd = xs.width();
    for (int ch = 0; ch < ys.channels(); ch++) {
      for (int oy = 0; oy < ys.height(); oy++) {
        for (int ox = 0; ox < ys.width(); ox++) {
          float acc = p.max() ? Float.NEGATIVE_INFINITY : 0;
          for (int ky = 0; ky < p.kernel(); ky++) {
            int iy = oy * p.stride() - p.padding() + ky;
            for (int kx = 0; kx < p.kernel(); kx++) {
              int ix = ox * p.stride() - p.padding() + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                continue;
              }
              float v = x[(ch * h + iy) * wd + ix];
              acc = p.max() ? Math.max(acc, v) : acc + v;
            }
          }
          y[(ch * ys.height() + oy) * ys.width() + ox] = p.max() ? acc : acc / (p.kernel() * p.kernel());
        }
      }
    }
  }

  private static void globalAverage(float[] x, TensorShape xs, float[] y) {
    int plane = xs.height() * xs.width();
    for (int ch = 0; ch < xs.channels(); ch++) {
      float s = 0;
      for (int j = ch * plane; j < (ch + 1) * plane; j++) {
        s += x[j];
      }
      y[ch] = s / plane;
    }
  }

  private void add(Node n, float[] y) {
    float[] first = out[n.inputs().get(0)];
    System.arraycopy(first, 0, y, 0, y.length);
    for (int k = 1; k < n.inputs().size(); k++) {
      float[] x = out[n.inputs().get(k)];
      for (int j = 0; j < y.length; j++) {
        y[j] += x[j];
      }
    }
  }

  private void gather(Node n, int[] indices, float[] y) {
    int plane = n.output().height() * n.output().width();
    int[] starts = new int[n.inputs().size()];
    int channels = 0;
    for (int k = 0; k < starts.length; k++) {
      starts[k] = channels;
      channels += n.inputShapes().get(k).channels();
    }
    for (int j = 0; j < indices.length; j++) {
      int k = starts.length - 1;
      while (starts[k] > indices[j]) {
        k--;
      }
      System.arraycopy(out[n.inputs().get(k)], (indices[j] - starts[k]) * plane, y, j * plane, plane);
    }
  }
}
