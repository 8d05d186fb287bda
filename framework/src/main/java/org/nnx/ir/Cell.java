package org.nnx.ir;

/**
 * The topology of one cell or block as the NN-Mass family of metrics reads it. A {@link Network}
 * lists its cells in order; which formulas apply to each kind is the metrics' business.
 */
public sealed interface Cell permits Cell.Dense, Cell.BasicBlock, Cell.Bottleneck, Cell.InvertedResidual, Cell.Plain {

  /**
   * A DenseNet-type cell (NN-Mass paper, Section 3): {@code depth} layers of {@code width} units,
   * where layer {@code i >= 2} takes {@code longRange[i]} long-range inputs sampled from the outputs
   * of layers {@code 0..i-2}, out of {@code (i-1)*width} candidates.
   *
   * @param width units (or channels) per layer
   * @param depth layers in the cell
   * @param tc the cell's requested number of long-range links per layer
   * @param longRange links actually taken by each layer ({@code longRange[0] = longRange[1] = 0})
   */
  record Dense(int width, int depth, int tc, int[] longRange) implements Cell {}

  /** A ResNet basic block (two 3x3 convolutions with a residual addition). */
  record BasicBlock(int inplanes, int planes, int stride) implements Cell {}

  /** A ResNet bottleneck block whose inner convolutions have {@code innerWidth} channels. */
  record Bottleneck(int inplanes, int planes, int innerWidth, int stride, int groups) implements Cell {}

  /** A MobileNet-v2 inverted residual; {@code identity} when it has an identity shortcut. */
  record InvertedResidual(int in, int out, int hidden, int stride, boolean identity) implements Cell {}

  /** Layers without skip links (stems, heads, transitions). */
  record Plain(String description) implements Cell {}
}
