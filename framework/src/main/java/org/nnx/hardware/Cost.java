package org.nnx.hardware;

import java.util.List;

/**
 * What one inference of one example costs on a hardware target.
 *
 * @param latency the time from input to output, in seconds
 * @param energy the energy spent, in joules
 * @param area the silicon area the network occupies on the target, in square metres (0 for
 *     targets whose area is not modelled, e.g. {@code cpu})
 * @param layers the share of each node that costs anything, in network order
 */
public record Cost(double latency, double energy, double area, List<Layer> layers) {

  /** Copies {@code layers}. */
  public Cost {
    layers = List.copyOf(layers);
  }

  /**
   * The cost of one node of the network.
   *
   * @param node the node's name, e.g. {@code cell0.layer3.dense}
   * @param latency its share of the latency, in seconds
   * @param energy its share of the energy, in joules
   * @param area its share of the area, in square metres
   */
  public record Layer(String node, double latency, double energy, double area) {}
}
