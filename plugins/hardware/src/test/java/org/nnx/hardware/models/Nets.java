package org.nnx.hardware.models;

import java.util.Map;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.param.Parameters;

/** Small networks and settings for the tests. */
final class Nets {

  private Nets() {}

  /** input(in) -> dense(in, out, bias). */
  static Network dense(int in, int out, boolean bias) {
    NetworkBuilder b = new NetworkBuilder("t", TensorShape.vector(in));
    b.add("fc", new Op.Dense(in, out, bias), 0);
    return b.build();
  }

  /** input(shape) -> op. */
  static Network single(TensorShape input, Op op) {
    NetworkBuilder b = new NetworkBuilder("t", input);
    b.add("op", op, 0);
    return b.build();
  }

  /** The defaults of {@code specs} over the given values. */
  static Parameters settings(java.util.List<org.nnx.param.ParameterSpec> specs, Object... namesAndValues) {
    Map<String, Object> given = new java.util.HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      given.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    for (var spec : specs) {
      values.put(spec.name(), given.containsKey(spec.name()) ? given.remove(spec.name()) : spec.defaultValue().orElseThrow());
    }
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown settings " + given.keySet());
    }
    return new Parameters(values);
  }
}
