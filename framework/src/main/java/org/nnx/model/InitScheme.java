package org.nnx.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the weights of dense and convolution layers are drawn at initialization ({@code init = ...}
 * in an experiment's {@code train} block). With {@code fan_in = in * k * k / groups} and {@code
 * fan_out = out * k * k} ({@code k = 1} for dense layers), as PyTorch's {@code
 * _calculate_fan_in_and_fan_out} computes them:
 *
 * <ul>
 *   <li>{@link #UNIFORM_FAN_IN} (default): weights and biases uniform in {@code [-1/sqrt(fan_in),
 *       1/sqrt(fan_in)]}, PyTorch's default for {@code nn.Linear} and {@code nn.Conv2d} ({@code
 *       kaiming_uniform_(a = sqrt(5))} for weights), hence the NN-Mass authors' initialization;
 *   <li>{@link #XAVIER}: weights uniform in {@code [-a, a]}, {@code a = sqrt(6 / (fan_in +
 *       fan_out))} (Glorot and Bengio, AISTATS 2010; PyTorch's {@code xavier_uniform_}), biases 0;
 *   <li>{@link #HE}: weights normal with mean 0 and variance {@code 2 / fan_in} (He et al., ICCV
 *       2015; PyTorch's {@code kaiming_normal_} with its defaults), biases 0.
 * </ul>
 *
 * Batch normalization always starts with scale 1 and shift 0, running mean 0 and variance 1.
 */
public enum InitScheme {
  UNIFORM_FAN_IN, XAVIER, HE;

  /** The name users write, e.g. {@code uniform_fan_in}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every keyword, in declaration order. */
  public static List<String> keywords() {
    return Arrays.stream(values()).map(InitScheme::keyword).toList();
  }

  /**
   * The scheme named {@code keyword}.
   *
   * @throws IllegalArgumentException if no scheme has that name
   */
  public static InitScheme of(String keyword) {
    for (InitScheme s : values()) {
      if (s.keyword().equals(keyword)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown init '" + keyword + "'; expected one of " + keywords());
  }
}
