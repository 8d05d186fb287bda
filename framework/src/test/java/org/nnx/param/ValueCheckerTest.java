package org.nnx.param;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.DiagnosticCollector;
import org.nnx.syntax.Location;
import org.nnx.syntax.ValueNode;

class ValueCheckerTest {

  private static final Location AT = new Location("f.nnx", 1, 1);
  private static final List<ParameterSpec> SPECS = List.of(
      ParameterSpec.optional("batch", ParamType.integerAtLeast(1), 64L, "batch"),
      ParameterSpec.optionalUnrecorded("lasso", new ParamType.Real(0, Double.POSITIVE_INFINITY, false), 0.0, "λ"));

  private static Parameters check(List<CallNode.Argument> arguments) {
    return new ValueChecker(new IdentityHashMap<>(), new DiagnosticCollector()).checkArguments("train", AT, arguments,
        SPECS);
  }

  @Test
  void anOmittedUnrecordedParameterStaysOutOfTheCheckedParameters() {
    // trial seeds and stored keys hash the checked parameters: a setting added later must not change them
    assertThat(check(List.of()).asMap()).containsOnlyKeys("batch");
    ValueNode value = new ValueNode.Number(AT, "0.5", false, 0.5, Optional.empty());
    assertThat(check(List.of(new CallNode.Argument(AT, "lasso", value))).asMap())
        .containsOnlyKeys("batch", "lasso").containsEntry("lasso", 0.5);
  }
}
