package org.nnx.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The absolute value {@code f(x) = |x|} as a DL4J activation, which DL4J does not ship. Its
 * derivative is {@code sign(x)}: 1 for {@code x > 0}, -1 for {@code x < 0} and 0 at 0 (PyTorch's
 * subgradient choice for {@code torch.abs}). Like DL4J's own activations it works in place on the
 * array it is given.
 */
public final class AbsActivation extends BaseActivationFunction {

  /** Creates the activation; it has no parameters. */
  public AbsActivation() {}

  /** Replaces every element of {@code in} by its absolute value and returns {@code in}. */
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    Nd4j.exec(new Abs(in));
    return in;
  }

  /**
   * The gradient with respect to the input, {@code epsilon * sign(in)}, written into {@code in}.
   *
   * @param in the pre-activation values (overwritten)
   * @param epsilon the gradient with respect to the output, same shape as {@code in}
   * @return {@code in} holding the gradient, and no parameter gradient
   */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    Nd4j.exec(new Sign(in));
    in.muli(epsilon);
    return new Pair<>(in, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AbsActivation;
  }

  @Override
  public int hashCode() {
    return AbsActivation.class.hashCode();
  }

  @Override
  public String toString() {
    return "abs";
  }
}
