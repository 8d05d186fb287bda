package org.nnx.syntax;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" suggestions by edit distance. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code typed} by Damerau–Levenshtein (optimal string alignment)
   * distance, if that distance is at most a third of the longer length (and at least 1 edit is
   * allowed), ties broken by the candidates' order.
   */
  public static Optional<String> closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(typed.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
      int allowed = Math.max(1, Math.max(typed.length(), candidate.length()) / 3);
      if (d <= allowed && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A hint such as {@code did you mean 'nn_mass'?}, or {@code null}. */
  public static String didYouMean(String typed, Collection<String> candidates) {
    return closest(typed, candidates).map(s -> "did you mean '" + s + "'?").orElse(null);
  }

  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
