package org.nnx.storage;

import java.util.List;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/** The codes this plugin registers; each a small {@link WeightCode} filling one slot of a {@link CodePlan}. */
final class Codes {

  private Codes() {}

  /** {@code naive}: one linear map of the network's [w_min, w_max] onto the cell range. */
  static final class Naive implements WeightCode {
    @Override
    public String name() {
      return "naive";
    }

    @Override
    public String description() {
      return "one linear map of the whole network's [w_min, w_max] onto the cell range (the default range)";
    }

    @Override
    public List<ParameterSpec> parameters() {
      return List.of();
    }

    @Override
    public void configure(Parameters options, CodePlan plan) {
      plan.range(CodePlan.Range.NAIVE, name());
    }
  }

  /** {@code adaptive}: each tensor's own range, its end points kept digitally. */
  static final class Adaptive implements WeightCode {
    @Override
    public String name() {
      return "adaptive";
    }

    @Override
    public String description() {
      return "each tensor's own [min, max] mapped onto the cell range (two numbers per tensor kept digitally)";
    }

    @Override
    public List<ParameterSpec> parameters() {
      return List.of();
    }

    @Override
    public void configure(Parameters options, CodePlan plan) {
      plan.range(CodePlan.Range.ADAPTIVE, name());
    }
  }

  /** {@code sign}: the sign in its own cell at an extreme level, the magnitude over the full range. */
  static final class Sign implements WeightCode {
    @Override
    public String name() {
      return "sign";
    }

    @Override
    public String description() {
      return "the sign in a protected cell written at an extreme level, the magnitude over the full range (+1 cell)";
    }

    @Override
    public List<ParameterSpec> parameters() {
      return List.of();
    }

    @Override
    public void configure(Parameters options, CodePlan plan) {
      plan.sign(name());
    }
  }

  /** {@code repeat(r)}: every cell written r times, the reads averaged. */
  static final class Repeat implements WeightCode {
    @Override
    public String name() {
      return "repeat";
    }

    @Override
    public String description() {
      return "every cell written r times and the r reads averaged (r times the cells, 1/r the read variance)";
    }

    @Override
    public List<ParameterSpec> parameters() {
      return List.of(ParameterSpec.required("r", new ParamType.Int(1, 1024, List.of()), "copies of every cell, >= 1"));
    }

    @Override
    public void configure(Parameters options, CodePlan plan) {
      plan.repeat((int) options.getLong("r"), name());
    }
  }

  /** {@code split(cells = k, levels = 16)}: a value as k digits of decreasing significance. */
  static final class Split implements WeightCode {
    @Override
    public String name() {
      return "split";
    }

    @Override
    public String description() {
      return "a weight as k cells of decreasing significance: its value quantized to levels^k steps, one base-levels"
          + " digit per cell, coarse to fine";
    }

    @Override
    public List<ParameterSpec> parameters() {
      return List.of(
          ParameterSpec.optional("cells", new ParamType.Int(1, 16, List.of()), 2L,
              "cells per weight, k in [1, 16] (stored_accuracy's size sets it)"),
          ParameterSpec.optional("levels", new ParamType.Int(2, 1 << 16, List.of()), 16L,
              "levels written per cell (a base-levels digit each)"));
    }

    @Override
    public void validate(Parameters options, org.nnx.param.Problems problems) {
      if (Math.pow(options.getLong("levels"), options.getLong("cells")) > 1L << 53) {
        problems.error("cells", "levels^cells exceeds 2^53 steps, more than a weight can resolve",
            "use fewer cells or fewer levels per cell");
      }
    }

    @Override
    public void configure(Parameters options, CodePlan plan) {
      int levels = (int) options.getLong("levels");
      plan.coding(k -> new SplitCoding(k, levels), (int) options.getLong("cells"), name());
    }
  }
}
