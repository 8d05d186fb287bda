package org.nnx.architectures;

import java.util.ArrayList;
import java.util.List;
import org.nnx.param.Problems;

/** Collects the problems a family reports, for assertions. */
public final class CollectingProblems implements Problems {

  /** One reported problem. */
  public record Problem(String parameter, String message, String hint) {}

  /** The problems, in report order. */
  public final List<Problem> problems = new ArrayList<>();

  @Override
  public void error(String parameter, String message, String hint) {
    problems.add(new Problem(parameter, message, hint));
  }
}
