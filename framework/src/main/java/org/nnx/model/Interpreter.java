package org.nnx.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nnx.ir.Activation;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * The reference interpreter of the IR: a plain-Java forward pass of one example through a network
 * with given weights, in double precision (single-precision weights, double-precision activations
 * and sums), and the gradient of a linear function of the output with respect to the input. It is
 * the one definition of what a network computes outside the trainer, used by every plugin that needs
 * a forward pass in Java (LDI, the hardware models' timed workload, tests of the DL4J compiler).
 *
 * <p>Activations are laid out channel-major ({@code c x h x w}, row-major within a channel), as the
 * data sets and PyTorch's NCHW. Semantics per op: dense {@code y = W x + b}; convolution with zero
 * padding, stride and groups (cross-correlation, as in PyTorch); batch normalization in inference
 * form {@code y = (x - mean) / sqrt(var + 1e-5) * weight + bias}; max pooling over the window
 * (padding ignored), average pooling dividing by {@code kernel^2} (padding counted, PyTorch's
 * default); global average pooling; activations as {@link Activation} defines them; scale {@code y =
 * factor * x}; element-wise sum; channel concatenation; gather of the listed channels of the inputs'
 * concatenation. Dense layers and convolutions share one inner loop, a dot product over contiguous
 * weights (a convolution copies each input patch once), so a FLOP costs about the same in both;
 * sums start from the bias and add terms in index order.
 *
 * <p>Buffers are allocated once: after construction {@link #forward} and {@link #inputGradient}
 * allocate nothing and return views of internal buffers, valid until the next call. An instance is
 * not thread-safe; make one per thread (construction is cheap next to the weights it shares).
 */
public final class Interpreter {

  /** The epsilon of batch normalization (PyTorch's default). */
  public static final double BATCH_NORM_EPS = 1e-5;

  private final Network network;
  private final List<Step> steps = new ArrayList<>();
  private final double[][] values;
  private final double[][] gradients;
  private final double[] patch;

  /**
   * Prepares the network.
   *
   * @param network the network
   * @param weights its weights; every tensor {@link NetworkWeights#expected} lists must be present
   * @throws IllegalArgumentException if a tensor is missing or has the wrong shape
   */
  public Interpreter(Network network, NetworkWeights weights) {
    List<String> problems = weights.mismatches(network);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the weights do not fit " + network.family() + ": "
          + String.join("; ", problems.subList(0, Math.min(problems.size(), 5)))
          + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
    }
    this.network = network;
    List<Node> nodes = network.nodes();
    values = new double[nodes.size()][];
    gradients = new double[nodes.size()][];
    int largestPatch = 1;
    for (Node n : nodes) {
      long size = n.output().size();
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(n.name() + " has " + size + " values per example, too many to interpret");
      }
      values[n.id()] = new double[(int) size];
      gradients[n.id()] = new double[(int) size];
      if (n.op() instanceof Op.Conv2d c) {
        largestPatch = Math.max(largestPatch, c.kernel() * c.kernel() * (c.in() / c.groups()));
      }
    }
    patch = new double[largestPatch];
    for (Node n : nodes) {
      steps.add(n.op().accept(new StepBuilder(n, weights)));
    }
  }

  /** The network. */
  public Network network() {
    return network;
  }

  /**
   * Runs one example.
   *
   * @param input the example, {@code network.input().size()} values, channel-major
   * @return every node's values by node id (internal buffers)
   * @throws IllegalArgumentException if the input has the wrong size
   */
  public double[][] forward(double[] input) {
    if (input.length != values[0].length) {
      throw new IllegalArgumentException("the input has " + input.length + " values, the network takes "
          + values[0].length);
    }
    System.arraycopy(input, 0, values[0], 0, input.length);
    for (int i = 1; i < steps.size(); i++) {
      steps.get(i).forward();
    }
    return values;
  }

  /**
   * Runs example {@code example} of row-major single-precision {@code features}.
   *
   * @return every node's values by node id (internal buffers)
   */
  public double[][] forward(float[] features, int example) {
    double[] x = values[0];
    int offset = Math.multiplyExact(example, x.length);
    for (int i = 0; i < x.length; i++) {
      x[i] = features[offset + i];
    }
    for (int i = 1; i < steps.size(); i++) {
      steps.get(i).forward();
    }
    return values;
  }

  /** The output (logits) of the last {@link #forward} (an internal buffer). */
  public double[] output() {
    return values[values.length - 1];
  }

  /**
   * The gradient with respect to the input of {@code g · output}, at the example of the last {@link
   * #forward} (reverse-mode differentiation through every node; at kinks the derivative {@link
   * Activation#derivative} defines, and a max pool routes to the first maximum of its window).
   *
   * @param outputGradient {@code g}, one value per output
   * @return the gradient, one value per input (an internal buffer)
   */
  public double[] inputGradient(double[] outputGradient) {
    double[] last = gradients[gradients.length - 1];
    if (outputGradient.length != last.length) {
      throw new IllegalArgumentException("the output gradient has " + outputGradient.length + " values, the network "
          + "has " + last.length + " outputs");
    }
    for (double[] g : gradients) {
      Arrays.fill(g, 0);
    }
    System.arraycopy(outputGradient, 0, last, 0, last.length);
    for (int i = steps.size() - 1; i >= 1; i--) {
      steps.get(i).backward();
    }
    return gradients[0];
  }

  /** One node's computation, reading and writing the shared buffers. */
  private interface Step {
    void forward();

    /** Adds this node's gradient, pulled back, to its inputs' gradients. */
    void backward();
  }

  /** Turns a node into its {@link Step}. */
  private final class StepBuilder implements Op.Visitor<Step> {

    private final Node node;
    private final NetworkWeights weights;
    private final double[] y;
    private final double[] gy;

    StepBuilder(Node node, NetworkWeights weights) {
      this.node = node;
      this.weights = weights;
      this.y = values[node.id()];
      this.gy = gradients[node.id()];
    }

    private double[] in(int k) {
      return values[node.inputs().get(k)];
    }

    private double[] gin(int k) {
      return gradients[node.inputs().get(k)];
    }

    @Override
    public Step input(Op.Input op) {
      return new Step() {
        public void forward() {}

        public void backward() {}
      };
    }

    @Override
    public Step dense(Op.Dense d) {
      float[] w = weights.get(node.id(), NetworkWeights.WEIGHT).values();
      float[] b = d.bias() ? weights.get(node.id(), NetworkWeights.BIAS).values() : null;
      double[] x = in(0);
      double[] gx = gin(0);
      int n = d.in();
      return new Step() {
        public void forward() {
          for (int o = 0; o < d.out(); o++) {
            double s = b == null ? 0 : b[o];
            int row = o * n;
            for (int i = 0; i < n; i++) {
              s += w[row + i] * x[i];
            }
            y[o] = s;
          }
        }

        public void backward() {
          for (int o = 0; o < d.out(); o++) {
            double g = gy[o];
            if (g == 0) {
              continue;
            }
            int row = o * n;
            for (int i = 0; i < n; i++) {
              gx[i] += w[row + i] * g;
            }
          }
        }
      };
    }

    @Override
    public Step conv2d(Op.Conv2d c) {
      float[] w = weights.get(node.id(), NetworkWeights.WEIGHT).values();
      float[] b = c.bias() ? weights.get(node.id(), NetworkWeights.BIAS).values() : null;
      double[] x = in(0);
      double[] gx = gin(0);
      TensorShape xs = node.inputShapes().get(0);
      TensorShape ys = node.output();
      int k = c.kernel();
      int inPerGroup = c.in() / c.groups();
      int outPerGroup = c.out() / c.groups();
      int h = xs.height();
      int wd = xs.width();
      int plane = ys.height() * ys.width();
      int fanIn = inPerGroup * k * k;
      return new Step() {
        public void forward() {
          for (int oy = 0; oy < ys.height(); oy++) {
            for (int ox = 0; ox < ys.width(); ox++) {
              for (int g = 0; g < c.groups(); g++) {
                int at = 0;
                for (int ic = 0; ic < inPerGroup; ic++) {
                  int base = (g * inPerGroup + ic) * h * wd;
                  for (int ky = 0; ky < k; ky++) {
                    int iy = oy * c.stride() - c.padding() + ky;
                    for (int kx = 0; kx < k; kx++) {
                      int ix = ox * c.stride() - c.padding() + kx;
                      patch[at++] = iy >= 0 && iy < h && ix >= 0 && ix < wd ? x[base + iy * wd + ix] : 0;
                    }
                  }
                }
                for (int o = g * outPerGroup; o < (g + 1) * outPerGroup; o++) {
                  double s = b == null ? 0 : b[o];
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

        public void backward() {
          for (int oy = 0; oy < ys.height(); oy++) {
            for (int ox = 0; ox < ys.width(); ox++) {
              for (int g = 0; g < c.groups(); g++) {
                Arrays.fill(patch, 0, fanIn, 0);
                for (int o = g * outPerGroup; o < (g + 1) * outPerGroup; o++) {
                  double go = gy[o * plane + oy * ys.width() + ox];
                  if (go == 0) {
                    continue;
                  }
                  int row = o * fanIn;
                  for (int i = 0; i < fanIn; i++) {
                    patch[i] += w[row + i] * go;
                  }
                }
                int at = 0;
                for (int ic = 0; ic < inPerGroup; ic++) {
                  int base = (g * inPerGroup + ic) * h * wd;
                  for (int ky = 0; ky < k; ky++) {
                    int iy = oy * c.stride() - c.padding() + ky;
                    for (int kx = 0; kx < k; kx++) {
                      int ix = ox * c.stride() - c.padding() + kx;
                      if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                        gx[base + iy * wd + ix] += patch[at];
                      }
                      at++;
                    }
                  }
                }
              }
            }
          }
        }
      };
    }

    @Override
    public Step batchNorm(Op.BatchNorm bn) {
      int channels = bn.channels();
      double[] scale = new double[channels];
      double[] shift = new double[channels];
      float[] gamma = weights.get(node.id(), NetworkWeights.WEIGHT).values();
      float[] beta = weights.get(node.id(), NetworkWeights.BIAS).values();
      float[] mean = weights.get(node.id(), NetworkWeights.RUNNING_MEAN).values();
      float[] var = weights.get(node.id(), NetworkWeights.RUNNING_VAR).values();
      for (int ch = 0; ch < channels; ch++) {
        scale[ch] = gamma[ch] / Math.sqrt(var[ch] + BATCH_NORM_EPS);
        shift[ch] = beta[ch] - mean[ch] * scale[ch];
      }
      double[] x = in(0);
      double[] gx = gin(0);
      int plane = node.output().height() * node.output().width();
      return new Step() {
        public void forward() {
          for (int ch = 0; ch < channels; ch++) {
            for (int j = ch * plane; j < (ch + 1) * plane; j++) {
              y[j] = x[j] * scale[ch] + shift[ch];
            }
          }
        }

        public void backward() {
          for (int ch = 0; ch < channels; ch++) {
            for (int j = ch * plane; j < (ch + 1) * plane; j++) {
              gx[j] += gy[j] * scale[ch];
            }
          }
        }
      };
    }

    @Override
    public Step act(Op.Act a) {
      Activation f = a.function();
      double[] x = in(0);
      double[] gx = gin(0);
      return new Step() {
        public void forward() {
          for (int j = 0; j < y.length; j++) {
            y[j] = f.apply(x[j]);
          }
        }

        public void backward() {
          for (int j = 0; j < y.length; j++) {
            gx[j] += gy[j] * f.derivative(x[j]);
          }
        }
      };
    }

    @Override
    public Step pool(Op.Pool p) {
      double[] x = in(0);
      double[] gx = gin(0);
      TensorShape xs = node.inputShapes().get(0);
      TensorShape ys = node.output();
      int h = xs.height();
      int wd = xs.width();
      int[] argmax = p.max() ? new int[y.length] : null;
      double area = (double) p.kernel() * p.kernel();
      return new Step() {
        public void forward() {
          for (int ch = 0; ch < ys.channels(); ch++) {
            for (int oy = 0; oy < ys.height(); oy++) {
              for (int ox = 0; ox < ys.width(); ox++) {
                double acc = p.max() ? Double.NEGATIVE_INFINITY : 0;
                int best = -1;
                for (int ky = 0; ky < p.kernel(); ky++) {
                  int iy = oy * p.stride() - p.padding() + ky;
                  for (int kx = 0; kx < p.kernel(); kx++) {
                    int ix = ox * p.stride() - p.padding() + kx;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                      continue;
                    }
                    int at = (ch * h + iy) * wd + ix;
                    if (p.max()) {
                      if (x[at] > acc || best < 0) {
                        acc = x[at];
                        best = at;
                      }
                    } else {
                      acc += x[at];
                    }
                  }
                }
                int out = (ch * ys.height() + oy) * ys.width() + ox;
                if (p.max()) {
                  y[out] = acc;
                  argmax[out] = best;
                } else {
                  y[out] = acc / area;
                }
              }
            }
          }
        }

        public void backward() {
          if (p.max()) {
            for (int j = 0; j < y.length; j++) {
              if (argmax[j] >= 0) {
                gx[argmax[j]] += gy[j];
              }
            }
            return;
          }
          for (int ch = 0; ch < ys.channels(); ch++) {
            for (int oy = 0; oy < ys.height(); oy++) {
              for (int ox = 0; ox < ys.width(); ox++) {
                double g = gy[(ch * ys.height() + oy) * ys.width() + ox] / area;
                for (int ky = 0; ky < p.kernel(); ky++) {
                  int iy = oy * p.stride() - p.padding() + ky;
                  for (int kx = 0; kx < p.kernel(); kx++) {
                    int ix = ox * p.stride() - p.padding() + kx;
                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                      gx[(ch * h + iy) * wd + ix] += g;
                    }
                  }
                }
              }
            }
          }
        }
      };
    }

    @Override
    public Step globalAvgPool(Op.GlobalAvgPool op) {
      double[] x = in(0);
      double[] gx = gin(0);
      TensorShape xs = node.inputShapes().get(0);
      int plane = xs.height() * xs.width();
      return new Step() {
        public void forward() {
          for (int ch = 0; ch < xs.channels(); ch++) {
            double s = 0;
            for (int j = ch * plane; j < (ch + 1) * plane; j++) {
              s += x[j];
            }
            y[ch] = s / plane;
          }
        }

        public void backward() {
          for (int ch = 0; ch < xs.channels(); ch++) {
            double g = gy[ch] / plane;
            for (int j = ch * plane; j < (ch + 1) * plane; j++) {
              gx[j] += g;
            }
          }
        }
      };
    }

    @Override
    public Step flatten(Op.Flatten op) {
      return copy();
    }

    private Step copy() {
      double[] x = in(0);
      double[] gx = gin(0);
      return new Step() {
        public void forward() {
          System.arraycopy(x, 0, y, 0, y.length);
        }

        public void backward() {
          for (int j = 0; j < y.length; j++) {
            gx[j] += gy[j];
          }
        }
      };
    }

    @Override
    public Step scale(Op.Scale sc) {
      double factor = sc.factor();
      double[] x = in(0);
      double[] gx = gin(0);
      return new Step() {
        public void forward() {
          for (int j = 0; j < y.length; j++) {
            y[j] = factor * x[j];
          }
        }

        public void backward() {
          for (int j = 0; j < y.length; j++) {
            gx[j] += factor * gy[j];
          }
        }
      };
    }

    @Override
    public Step add(Op.Add op) {
      int count = node.inputs().size();
      return new Step() {
        public void forward() {
          Arrays.fill(y, 0);
          for (int k = 0; k < count; k++) {
            double[] x = in(k);
            for (int j = 0; j < y.length; j++) {
              y[j] += x[j];
            }
          }
        }

        public void backward() {
          for (int k = 0; k < count; k++) {
            double[] gx = gin(k);
            for (int j = 0; j < y.length; j++) {
              gx[j] += gy[j];
            }
          }
        }
      };
    }

    @Override
    public Step concat(Op.Concat op) {
      int count = node.inputs().size();
      return new Step() {
        public void forward() {
          int at = 0;
          for (int k = 0; k < count; k++) {
            double[] x = in(k);
            System.arraycopy(x, 0, y, at, x.length);
            at += x.length;
          }
        }

        public void backward() {
          int at = 0;
          for (int k = 0; k < count; k++) {
            double[] gx = gin(k);
            for (int j = 0; j < gx.length; j++) {
              gx[j] += gy[at + j];
            }
            at += gx.length;
          }
        }
      };
    }

    @Override
    public Step gather(Op.Gather g) {
      int[] indices = g.indices();
      int plane = node.output().height() * node.output().width();
      // for each gathered channel: which input it comes from and its channel there
      int[] source = new int[indices.length];
      int[] channel = new int[indices.length];
      for (int j = 0; j < indices.length; j++) {
        int rest = indices[j];
        int k = 0;
        while (rest >= node.inputShapes().get(k).channels()) {
          rest -= node.inputShapes().get(k).channels();
          k++;
        }
        source[j] = k;
        channel[j] = rest;
      }
      return new Step() {
        public void forward() {
          for (int j = 0; j < indices.length; j++) {
            System.arraycopy(in(source[j]), channel[j] * plane, y, j * plane, plane);
          }
        }

        public void backward() {
          for (int j = 0; j < indices.length; j++) {
            double[] gx = gin(source[j]);
            int from = channel[j] * plane;
            for (int q = 0; q < plane; q++) {
              gx[from + q] += gy[j * plane + q];
            }
          }
        }
      };
    }
  }
}
