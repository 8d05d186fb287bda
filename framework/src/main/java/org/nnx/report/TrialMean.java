package org.nnx.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trial's (x, y) summarized over its usable repeats: the means and sample standard deviations
 * that {@code plot} draws as a point with error bars and {@code correlate} uses as one observation.
 *
 * @param trial the trial index
 * @param group the value of the grouping column ({@code ""} without one)
 * @param x the mean of x over the repeats
 * @param xSd the sample standard deviation of x over the repeats, 0 for one repeat
 * @param y the mean of y over the repeats
 * @param ySd the sample standard deviation of y over the repeats, 0 for one repeat
 * @param repeats how many repeats the means are over, ≥ 1
 */
public record TrialMean(int trial, String group, double x, double xSd, double y, double ySd, int repeats) {

  /**
   * The per-trial means of the usable rows, in order of first appearance. Repeats of a trial that fall
   * in different groups (a grouping column that varies over repeats) are summarized per group.
   *
   * @param observations usable pairs
   * @return one entry per (trial, group), in results order
   */
  public static List<TrialMean> of(Observations observations) {
    Map<List<Object>, List<Observations.Row>> byTrial = new LinkedHashMap<>();
    for (Observations.Row row : observations.rows()) {
      byTrial.computeIfAbsent(List.of(row.trial(), row.group()), k -> new ArrayList<>()).add(row);
    }
    List<TrialMean> out = new ArrayList<>();
    for (List<Observations.Row> rows : byTrial.values()) {
      double[] xs = rows.stream().mapToDouble(Observations.Row::x).toArray();
      double[] ys = rows.stream().mapToDouble(Observations.Row::y).toArray();
      out.add(new TrialMean(rows.get(0).trial(), rows.get(0).group(), Statistics.mean(xs),
          Statistics.sampleStandardDeviation(xs), Statistics.mean(ys), Statistics.sampleStandardDeviation(ys),
          rows.size()));
    }
    return List.copyOf(out);
  }
}
