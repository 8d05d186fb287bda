package org.nnx.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.nnx.optimize.LocalMinimum;
import org.nnx.optimize.OptimizationResult;

/**
 * An {@link OptimizationResult} as text that reads back to exactly the same value (doubles in
 * shortest round-trip form), for keeping a finished search in the result store.
 */
final class SearchResultText {

  private SearchResultText() {}

  static String write(OptimizationResult r) {
    Properties p = new Properties();
    p.setProperty("x", join(r.x()));
    p.setProperty("f", Double.toString(r.f()));
    p.setProperty("success", Boolean.toString(r.success()));
    p.setProperty("message", r.message());
    p.setProperty("nfev", Long.toString(r.nfev()));
    p.setProperty("nlfev", Long.toString(r.nlfev()));
    p.setProperty("nit", Integer.toString(r.nit()));
    p.setProperty("time_ns", Long.toString(r.time().toNanos()));
    p.setProperty("minima", Integer.toString(r.localMinima().size()));
    for (int i = 0; i < r.localMinima().size(); i++) {
      p.setProperty("minimum." + i + ".x", join(r.localMinima().get(i).x()));
      p.setProperty("minimum." + i + ".f", Double.toString(r.localMinima().get(i).f()));
    }
    StringWriter out = new StringWriter();
    try {
      p.store(out, "nnx search result");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** The result, or {@code null} for text that is not one (it is then computed again). */
  static OptimizationResult read(String text) {
    try {
      Properties p = new Properties();
      p.load(new StringReader(text));
      List<LocalMinimum> minima = new ArrayList<>();
      int n = Integer.parseInt(p.getProperty("minima"));
      for (int i = 0; i < n; i++) {
        minima.add(new LocalMinimum(split(p.getProperty("minimum." + i + ".x")),
            Double.parseDouble(p.getProperty("minimum." + i + ".f"))));
      }
      return new OptimizationResult(split(p.getProperty("x")), Double.parseDouble(p.getProperty("f")), minima,
          Boolean.parseBoolean(p.getProperty("success")), p.getProperty("message"), Long.parseLong(p.getProperty("nfev")),
          Long.parseLong(p.getProperty("nlfev")), Integer.parseInt(p.getProperty("nit")),
          Duration.ofNanos(Long.parseLong(p.getProperty("time_ns"))));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String join(double[] v) {
    return String.join(" ", Arrays.stream(v).mapToObj(Double::toString).toList());
  }

  private static double[] split(String text) {
    return text.isBlank() ? new double[0] : Arrays.stream(text.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }
}
