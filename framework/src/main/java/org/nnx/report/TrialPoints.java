package org.nnx.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-trial means as chart points: trials whose means (and spreads) coincide exactly share one
 * point with their count, so that eight trials never draw as six markers without saying so, and
 * each point is labelled with the trials it stands for (the SVG's tooltips).
 */
final class TrialPoints {

  private TrialPoints() {}

  /**
   * The points of {@code means}, in their order, coinciding ones merged at the first.
   *
   * @param means one series' per-trial means
   * @param architectures each trial's architecture label, by trial index
   * @param x the x column's name, for the labels
   * @param y the y column's name
   */
  static List<ChartSpec.Point> of(List<TrialMean> means, Map<Integer, String> architectures, String x, String y) {
    Map<List<Double>, List<TrialMean>> same = new LinkedHashMap<>();
    for (TrialMean m : means) {
      same.computeIfAbsent(List.of(m.x(), m.xSd(), m.y(), m.ySd()), k -> new ArrayList<>()).add(m);
    }
    List<ChartSpec.Point> out = new ArrayList<>();
    for (List<TrialMean> group : same.values()) {
      TrialMean m = group.get(0);
      StringBuilder label = new StringBuilder(group.size() == 1 ? "trial " : "trials ");
      for (int i = 0; i < group.size(); i++) {
        int trial = group.get(i).trial();
        label.append(i == 0 ? "" : ", ").append(trial);
        String architecture = architectures.get(trial);
        if (architecture != null) {
          label.append(" (").append(architecture).append(')');
        }
      }
      label.append(": ").append(x).append(" = ").append(Format.number(m.x())).append(", ").append(y).append(" = ")
          .append(Format.number(m.y()));
      if (m.repeats() > 1) {
        label.append(" (mean of ").append(m.repeats()).append(" repeats)");
      }
      out.add(new ChartSpec.Point(m.x(), m.xSd(), m.y(), m.ySd(), label.toString(), group.size()));
    }
    return out;
  }

  /** Each trial's architecture label, by trial index. */
  static Map<Integer, String> architectures(List<TrialResult> results) {
    Map<Integer, String> out = new LinkedHashMap<>();
    for (TrialResult r : results) {
      out.putIfAbsent(r.trial(), r.architecture());
    }
    return out;
  }
}
