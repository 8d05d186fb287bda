package org.example.skipratio;

import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * {@code skip_ratio}: the share of a network's merge points among its weighted layers, i.e. the
 * number of concatenations and additions (where skip links join) divided by the number of dense
 * and convolution layers. 0 for a plain chain; larger with more skip links.
 */
public final class SkipRatioMetric implements Metric {

  @Override
  public String name() {
    return "skip_ratio";
  }

  @Override
  public String description() {
    return "merge points (concatenations, additions) per dense/conv layer";
  }

  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    Network network = trial.network();
    long merges = 0;
    long layers = 0;
    for (Node node : network.nodes()) {
      if (node.op() instanceof Op.Concat || node.op() instanceof Op.Add) {
        merges++;
      } else if (node.op() instanceof Op.Dense || node.op() instanceof Op.Conv2d) {
        layers++;
      }
    }
    return MetricResult.of(name(), layers == 0 ? 0.0 : (double) merges / layers);
  }
}
