package org.nnx.dl4j;

import java.util.List;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;

/**
 * A plain double-precision interpreter of the IR, written independently of DL4J, for checking the
 * compiled graphs: one example at a time, activations channel-major ({@code c x h x w}); batch norm
 * in inference mode with running mean 0 and variance 1 (the state right after initialization).
 */
final class ReferenceForward {

  private ReferenceForward() {}

  /** The logits of {@code network} for one example. */
  static double[] logits(Network network, InitialWeights weights, double[] x) {
    List<Node> nodes = network.nodes();
    double[][] v = new double[nodes.size()][];
    v[0] = x.clone();
    for (int id = 1; id < nodes.size(); id++) {
      Node n = nodes.get(id);
      double[] in = v[n.inputs().get(0)];
      TensorShape s = n.inputShapes().get(0);
      TensorShape o = n.output();
      Op op = n.op();
      double[] out = new double[Math.toIntExact(o.size())];
      if (op instanceof Op.Dense d) {
        InitialWeights.Layer w = weights.of(id);
        for (int j = 0; j < d.out(); j++) {
          double sum = d.bias() ? w.bias()[j] : 0;
          for (int i = 0; i < d.in(); i++) {
            sum += w.weight()[j * d.in() + i] * in[i];
          }
          out[j] = sum;
        }
      } else if (op instanceof Op.Conv2d c) {
        InitialWeights.Layer w = weights.of(id);
        int inG = c.in() / c.groups();
        int outG = c.out() / c.groups();
        int k = c.kernel();
        for (int oc = 0; oc < c.out(); oc++) {
          int g = oc / outG;
          for (int y = 0; y < o.height(); y++) {
            for (int xx = 0; xx < o.width(); xx++) {
              double sum = c.bias() ? w.bias()[oc] : 0;
              for (int ci = 0; ci < inG; ci++) {
                for (int ky = 0; ky < k; ky++) {
                  for (int kx = 0; kx < k; kx++) {
                    int iy = y * c.stride() - c.padding() + ky;
                    int ix = xx * c.stride() - c.padding() + kx;
                    if (iy >= 0 && iy < s.height() && ix >= 0 && ix < s.width()) {
                      sum += w.weight()[((oc * inG + ci) * k + ky) * k + kx]
                          * in[((g * inG + ci) * s.height() + iy) * s.width() + ix];
                    }
                  }
                }
              }
              out[(oc * o.height() + y) * o.width() + xx] = sum;
            }
          }
        }
      } else if (op instanceof Op.BatchNorm b) {
        InitialWeights.Layer w = weights.of(id);
        int inner = Math.toIntExact(s.size() / b.channels());
        for (int i = 0; i < out.length; i++) {
          int ch = i / inner;
          out[i] = w.weight()[ch] * in[i] / Math.sqrt(1 + 1e-5) + w.bias()[ch];
        }
      } else if (op instanceof Op.Act a) {
        for (int i = 0; i < out.length; i++) {
          out[i] = ActivationFunctions.value(a.function(), in[i]);
        }
      } else if (op instanceof Op.Pool p) {
        for (int ch = 0; ch < o.channels(); ch++) {
          for (int y = 0; y < o.height(); y++) {
            for (int xx = 0; xx < o.width(); xx++) {
              double acc = p.max() ? Double.NEGATIVE_INFINITY : 0;
              for (int ky = 0; ky < p.kernel(); ky++) {
                for (int kx = 0; kx < p.kernel(); kx++) {
                  int iy = y * p.stride() - p.padding() + ky;
                  int ix = xx * p.stride() - p.padding() + kx;
                  boolean inside = iy >= 0 && iy < s.height() && ix >= 0 && ix < s.width();
                  double val = inside ? in[(ch * s.height() + iy) * s.width() + ix] : 0;
                  if (p.max()) {
                    acc = inside ? Math.max(acc, val) : acc;
                  } else {
                    acc += val;
                  }
                }
              }
              out[(ch * o.height() + y) * o.width() + xx] = p.max() ? acc : acc / (p.kernel() * p.kernel());
            }
          }
        }
      } else if (op instanceof Op.GlobalAvgPool) {
        int inner = s.height() * s.width();
        for (int ch = 0; ch < s.channels(); ch++) {
          double sum = 0;
          for (int i = 0; i < inner; i++) {
            sum += in[ch * inner + i];
          }
          out[ch] = sum / inner;
        }
      } else if (op instanceof Op.Flatten) {
        out = in.clone();
      } else if (op instanceof Op.Scale sc) {
        for (int i = 0; i < out.length; i++) {
          out[i] = sc.factor() * in[i];
        }
      } else if (op instanceof Op.Add) {
        for (int input : n.inputs()) {
          for (int i = 0; i < out.length; i++) {
            out[i] += v[input][i];
          }
        }
      } else if (op instanceof Op.Concat || op instanceof Op.Gather) {
        double[] all = new double[n.inputs().stream().mapToInt(i -> v[i].length).sum()];
        int at = 0;
        for (int input : n.inputs()) {
          System.arraycopy(v[input], 0, all, at, v[input].length);
          at += v[input].length;
        }
        if (op instanceof Op.Gather g) {
          int inner = o.height() * o.width();
          for (int j = 0; j < g.indices().length; j++) {
            System.arraycopy(all, g.indices()[j] * inner, out, j * inner, inner);
          }
        } else {
          out = all;
        }
      } else {
        throw new IllegalArgumentException("no reference for " + op);
      }
      v[id] = out;
    }
    return v[nodes.size() - 1];
  }

  /** The softmax of {@code z}. */
  static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double d : z) {
      max = Math.max(max, d);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
