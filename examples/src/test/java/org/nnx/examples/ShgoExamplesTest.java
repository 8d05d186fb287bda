package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.report.CsvTable;

/**
 * The search examples end to end through {@code nnx run}: SciPy's shgo acceptance cases (tolerance
 * 1e-5 on x and f), the issue's two examples, and the run directory's files.
 */
class ShgoExamplesTest {

  private static final double TOL = 1e-5;

  @TempDir
  static Path out;

  private static Cli scipy;

  @BeforeAll
  static void runTheScipyCases() {
    scipy = Cli.run("run", "-q", example("shgo-scipy.nnx"), "--out", out.resolve("scipy").toString());
  }

  private static String example(String name) {
    return Cli.root().resolve("examples").resolve(name).toString();
  }

  private static Map<String, String> result(String search) throws IOException {
    assertThat(scipy.status()).as(scipy.err()).isZero();
    List<Map<String, String>> rows = CsvTable.read(out.resolve("scipy").resolve(search).resolve("results.csv"));
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static void assertNear(Map<String, String> row, String column, double expected) {
    assertThat(Double.parseDouble(row.get(column))).as(column + " of " + row).isCloseTo(expected, within(TOL));
  }

  @Test
  void paraboloidWithALinearConstraint() throws IOException {
    Map<String, String> r = result("paraboloid_sobol");
    assertNear(r, "x0", 0);
    assertNear(r, "x1", 0);
    assertNear(r, "objective", 0);
    assertThat(r).containsEntry("success", "true");
  }

  @Test
  void sineFindsEveryLocalMinimumInOrder() throws IOException {
    Map<String, String> r = result("sine");
    assertNear(r, "x", 1.53567906);
    assertNear(r, "objective", -28.44677132);
    List<Map<String, String>> minima = CsvTable.read(out.resolve("scipy/sine/local_minima.csv"));
    double[] xl = {1.53567906, 55.01782167, 7.80894889, 48.74797493, 14.07445705, 42.4913859, 20.31743841,
        36.28607535, 26.43039605, 30.76371366};
    assertThat(minima).hasSize(xl.length);
    for (int i = 0; i < xl.length; i++) {
      assertNear(minima.get(i), "x", xl[i]);
    }
    assertThat(minima.get(0).keySet()).containsExactly("x", "objective", "success", "nfev", "time_s");
  }

  @Test
  void hockSchittkowski18() throws IOException {
    Map<String, String> r = result("hs18");
    assertNear(r, "x0", Math.sqrt(250));
    assertNear(r, "x1", Math.sqrt(2.5));
    assertNear(r, "objective", 5);
  }

  @Test
  void shiftedSphereInFourDimensions() throws IOException {
    Map<String, String> r = result("sphere");
    for (String x : List.of("x0", "x1", "x2", "x3")) {
      assertNear(r, x, 0.5);
    }
    assertNear(r, "objective", 0);
  }

  @Test
  void lennardJonesPairAtDistanceOne() throws IOException {
    Map<String, String> r = result("lennard_jones");
    assertNear(r, "objective", -1);
    double d2 = 0;
    for (int i = 0; i < 3; i++) {
      double d = Double.parseDouble(r.get("x" + i)) - Double.parseDouble(r.get("x" + (i + 3)));
      d2 += d * d;
    }
    assertThat(Math.sqrt(d2)).isCloseTo(1, within(TOL));
  }

  @Test
  void anInfeasibleProblemReportsFailureNotAnError() throws IOException {
    Map<String, String> r = result("infeasible");
    assertThat(r).containsEntry("success", "false").containsEntry("x0", "").containsEntry("objective", "");
    assertThat(CsvTable.read(out.resolve("scipy/infeasible/local_minima.csv"))).isEmpty();
    assertThat(Files.readString(out.resolve("scipy/infeasible/local_minima.csv")))
        .isEqualTo("x0,x1,objective,success,nfev,time_s\n");
    assertThat(Files.readString(out.resolve("scipy/infeasible/run.json"))).contains("\"success\": false")
        .contains("No feasible sampling point");
  }

  @Test
  void theIssuesExamples() throws IOException {
    Path dir = out.resolve("issue");
    Cli run = Cli.run("run", example("shgo-eggholder.nnx"), "--out", dir.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("Eggholder function").contains("-959.641");
    Map<String, String> egg = CsvTable.read(dir.resolve("eggholder/results.csv")).get(0);
    assertThat(egg.keySet()).containsExactly("x0", "x1", "objective", "success", "nfev", "time_s");
    assertNear(egg, "x0", 512);
    assertNear(egg, "x1", 404.2318054);
    assertNear(egg, "objective", -959.6406627);
    List<Map<String, String>> minima = CsvTable.read(dir.resolve("eggholder/local_minima.csv"));
    for (int i = 1; i < minima.size(); i++) {
      assertThat(Double.parseDouble(minima.get(i).get("objective")))
          .isGreaterThanOrEqualTo(Double.parseDouble(minima.get(i - 1).get("objective")));
    }
    Map<String, String> constrained = CsvTable.read(dir.resolve("constrained/results.csv")).get(0);
    assertNear(constrained, "x0", 0);
    assertNear(constrained, "x1", 0);
    for (String f : List.of("results.csv", "local_minima.csv", "report.md", "run.json", "run.log", "experiment.nnx")) {
      assertThat(dir.resolve("eggholder").resolve(f)).exists();
    }
    assertThat(Files.readString(dir.resolve("eggholder/experiment.nnx"))).startsWith("search eggholder {");
    assertThat(Files.readString(dir.resolve("eggholder/run.json"))).contains("\"optimizer\": \"shgo\"")
        .contains("\"n\": 60").contains("\"sampling\": \"sobol\"");
  }

  @Test
  void onlyRunsOneSearchIntoTheOutFolderItself() throws IOException {
    Path dir = out.resolve("only");
    Cli run = Cli.run("run", "-q", example("shgo-eggholder.nnx"), "--only", "constrained", "--out", dir.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(dir.resolve("results.csv")).exists();
    assertThat(dir.resolve("eggholder")).doesNotExist();
    Cli missing = Cli.run("run", example("shgo-eggholder.nnx"), "--only", "eggholdr");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("no experiment, search or codesign named 'eggholdr'");
  }

  @Test
  void anOptimizerPluginSolvesSearchesToo(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("nm.nnx");
    Files.writeString(file, """
        search rosenbrock {
          variables { x in [-2, 2], y in [-1, 3] }
          minimize (1 - x) ^ 2 + 100 * (y - x ^ 2) ^ 2
          optimizer = nelder_mead(maxfev = 5000)
        }
        """);
    Cli run = Cli.run("run", "-q", file.toString(), "--out", tmp.resolve("out").toString());
    assertThat(run.status()).as(run.err()).isZero();
    Map<String, String> r = CsvTable.read(tmp.resolve("out/results.csv")).get(0);
    assertThat(Double.parseDouble(r.get("x"))).isCloseTo(1, within(1e-4));
    assertThat(Double.parseDouble(r.get("y"))).isCloseTo(1, within(1e-4));
    assertThat(Files.readString(tmp.resolve("out/run.json"))).contains("\"optimizer\": \"nelder_mead\"");
  }

  @Test
  void maximizingReportsTheObjectiveAsWritten(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("max.nnx");
    Files.writeString(file, """
        search hill {
          variables { x in [-3, 3], y in [-3, 3] }
          maximize exp(-(x - 1) ^ 2 - (y + 0.5) ^ 2) + 0.5 * exp(-(x + 2) ^ 2 - y ^ 2)
          subject to { x + y <= 1, x - 2 * y == 2 }
          optimizer = shgo(sampling = sobol)
        }
        """);
    Cli run = Cli.run("run", "-q", file.toString(), "--out", tmp.resolve("out").toString());
    assertThat(run.status()).as(run.err()).isZero();
    Map<String, String> r = CsvTable.read(tmp.resolve("out/results.csv")).get(0);
    double x = Double.parseDouble(r.get("x"));
    double y = Double.parseDouble(r.get("y"));
    assertThat(x - 2 * y).isCloseTo(2, within(1e-6));
    assertThat(x + y).isLessThanOrEqualTo(1 + 1e-6);
    double f = Math.exp(-(x - 1) * (x - 1) - (y + 0.5) * (y + 0.5)) + 0.5 * Math.exp(-(x + 2) * (x + 2) - y * y);
    assertThat(Double.parseDouble(r.get("objective"))).isCloseTo(f, within(1e-9)).isPositive();
    // the best point of a fine scan of the feasible segment (x = 2 + 2y, y in [-2.5, -1/3]) is no better
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= 200_000; i++) {
      double yy = -2.5 + i * (2.5 - 1.0 / 3) / 200_000;
      double xx = 2 + 2 * yy;
      best = Math.max(best, Math.exp(-(xx - 1) * (xx - 1) - (yy + 0.5) * (yy + 0.5))
          + 0.5 * Math.exp(-(xx + 2) * (xx + 2) - yy * yy));
    }
    assertThat(f).isGreaterThanOrEqualTo(best - 1e-9);
    assertThat(x).isCloseTo(1, within(1e-3));
  }
}
