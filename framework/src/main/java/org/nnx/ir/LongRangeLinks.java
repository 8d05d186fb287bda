package org.nnx.ir;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The long-range link rule of DenseNet-type cells (Bhardwaj, Li, Marculescu, "How does topology
 * influence gradient propagation and model performance of deep networks with DenseNet-type skip
 * connections?", CVPR 2021, Section 3), shared by {@code dense_mlp}, {@code cells}, {@code
 * dense_cnn} and the {@code dense_cell} of networks written in the language, so that they sample the
 * same links from the same seed.
 *
 * <p>In a cell of {@code depth} layers of {@code width} units (0-based layer index {@code i}),
 * layer {@code i >= 2} may take long-range links from every unit of layers {@code 0..i-2}: {@code
 * (i-1)*width} candidates. It takes {@code t_i = min(tc, (i-1)*width)} of them, sampled without
 * replacement; layers 0 and 1 take none. This is the rule of the authors' {@code
 * analyze_topology} ({@code Dense_MLP}) and {@code add_link} ({@code regular_dense_cnn}) in
 * {@code model_zoo.py} of SLDGroup/NN_Mass, where the last layer of an MLP (the classifier) follows
 * it too.
 */
public final class LongRangeLinks {

  private LongRangeLinks() {}

  /**
   * The most a cell may gather, counted two ways: the earlier layers its gather nodes read
   * ({@code (depth − 1)(depth − 2)/2} for a cell whose every layer takes links, a graph quadratic in
   * the depth) and the links themselves ({@code Σ t_i} indices). 2^24 each: a cell of about 5,800
   * layers, or 16.7 million links, a network the interpreter could not run anyway.
   */
  public static final long MAX_GATHERED = 1L << 24;

  /**
   * Why a cell is too large to build with its links, or {@code null}: the count of {@link
   * #MAX_GATHERED} that it exceeds, in words, computed without overflow for any {@code depth},
   * {@code width} and {@code tc}.
   */
  public static String tooLarge(long depth, long width, long tc) {
    if (tc <= 0 || depth < 3) {
      return null;
    }
    double reads = (double) (depth - 1) * (depth - 2) / 2;
    if (reads > MAX_GATHERED) {
      return String.format(java.util.Locale.ROOT, "a cell of depth %d with long-range links gathers from %.3g"
          + " earlier layers in all (quadratic in the depth), more than nnx builds (%d)", depth, reads, MAX_GATHERED);
    }
    double links = 0;
    for (long i = 2; i < depth; i++) {
      links += Math.min((double) tc, (double) (i - 1) * width);
    }
    if (links > MAX_GATHERED) {
      return String.format(java.util.Locale.ROOT, "a cell of depth %d, width %d and tc %d takes %.3g long-range"
          + " links in all, more than nnx builds (%d)", depth, width, tc, links, MAX_GATHERED);
    }
    return null;
  }

  /** Candidate long-range inputs of layer {@code layer}: {@code (layer-1)*width} for {@code layer >= 2}, else 0. */
  public static long candidates(int layer, int width) {
    return layer < 2 ? 0 : (long) (layer - 1) * width;
  }

  /**
   * Links taken by each layer of a cell: {@code t_i = min(tc, (i-1)*width)} for {@code i >= 2},
   * {@code t_0 = t_1 = 0}.
   */
  public static int[] longRange(int depth, int width, int tc) {
    int[] links = new int[depth];
    for (int i = 2; i < depth; i++) {
      links[i] = (int) Math.min(tc, candidates(i, width));
    }
    return links;
  }

  /**
   * Samples {@code t} distinct indices from {@code 0..n-1}, uniformly without replacement (Floyd's
   * algorithm, so the cost is proportional to {@code t}), and returns them in ascending order. The
   * order does not matter to the topology (the authors' {@code random.sample} order only permutes
   * the input units of the receiving layer), so ascending order gives one canonical network per
   * seed.
   *
   * @param random the cell's random stream; {@code t} draws are taken from it
   * @param n the number of candidates, at least {@code t}
   * @param t the number of links, at least 0
   */
  public static int[] sample(SplittableRandom random, int n, int t) {
    if (t < 0 || t > n) {
      throw new IllegalArgumentException("cannot sample " + t + " of " + n + " candidates");
    }
    Set<Integer> chosen = new HashSet<>();
    for (int j = n - t; j < n; j++) {
      int r = random.nextInt(j + 1);
      chosen.add(chosen.contains(r) ? j : r);
    }
    int[] out = chosen.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(out);
    return out;
  }
}
