package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.report.CsvTable;

/**
 * {@code report.html} in headless Chromium (driven over the DevTools protocol, {@link Chromium}):
 * the reports of {@code examples/nnmass-zoo.nnx} and of an experiment with repeats, plots, a fit,
 * correlations and a note load without console errors, show every table row, sort on real mouse
 * clicks, show their charts at a non-zero size, fit a phone's width, and are not blank. The
 * screenshots are kept in {@code examples/target/report-screenshots/}. Skipped when no Chromium is
 * installed.
 */
class HtmlReportBrowserTest {

  private static final int DESKTOP = 1280;
  private static final int PHONE = 390;

  private static final String PLOTS = """
      // a small sweep with repeats, for the charts of report.html
      experiment plots {
        title "Plots <of> \\"NN-Mass\\" & a seeded value"
        repeats 2
        architectures {
          net: dense_mlp(width = 8, depth = {4, 6, 8}, tc = {0, 2, 4}, inputs = 10, classes = 2)
        }
        measure nn_mass, params, slow_seed(millis = 0)
        report {
          table(depth, tc, nn_mass, params, slow_seed)
          plot(nn_mass, tc, by = depth)
          fit(nn_mass, tc)
          correlate(slow_seed, [nn_mass, params])
          plot(nn_mass, architecture)
        }
      }
      """;

  @TempDir
  static Path dir;

  private static Chromium chromium;

  /** Skips the test when no Chromium is installed; starts one browser for all tests of the class. */
  @BeforeEach
  void needsChromium() throws Exception {
    Optional<Path> executable = Chromium.executable();
    Assumptions.assumeTrue(executable.isPresent(), "no Chromium found on the PATH (Debian: apt-get install chromium;"
        + " or set NNX_CHROMIUM): skipping the browser test of report.html");
    if (chromium == null) {
      chromium = Chromium.start(executable.get(), dir.resolve("profile"));
    }
  }

  @AfterAll
  static void stopChromium() {
    if (chromium != null) {
      chromium.close();
      chromium = null;
    }
  }

  @Test
  void theZooReportLoadsCleanlyAndItsTableSortsOnClick() throws IOException {
    Path run = run(Cli.root().resolve("examples/nnmass-zoo.nnx"), "zoo");
    int trials = CsvTable.read(run.resolve("results.csv")).size();
    Chromium.Page page = chromium.open(url(run), DESKTOP, 900, false);
    try {
      assertThat(page.errors()).as("errors of the page").isEmpty();
      assertThat(page.eval("document.title")).isEqualTo("NN-Mass, density and size of the NN-Mass model zoo");
      String table = "#element-1 table";
      assertThat(rows(page, table)).isEqualTo(trials).isEqualTo(7);
      assertThat(cells(page, table + " thead th")).containsExactly("architecture", "nn_mass", "nn_density", "params",
          "flops");
      List<String> before = column(page, table, 2);

      page.click(table + " thead th:nth-child(2) button");
      List<String> ascending = column(page, table, 2);
      assertThat(ascending).containsExactlyInAnyOrderElementsOf(before).isNotEqualTo(before);
      assertThat(numbers(ascending)).isSorted();
      assertThat(page.eval("document.querySelector('" + table + " thead th:nth-child(2)').getAttribute('aria-sort')"))
          .isEqualTo("ascending");
      assertThat(column(page, table, 1)).startsWith("mlp", "cnn", "cnn13", "mb2");

      page.click(table + " thead th:nth-child(2) button");
      assertThat(numbers(column(page, table, 2))).isSortedAccordingTo(Comparator.reverseOrder());

      // as numbers, not as text: 0.0892857 < 0.190617; ties keep the trial order
      page.click(table + " thead th:nth-child(3) button");
      assertThat(column(page, table, 3)).containsExactly("0", "0", "0", "0", "0.0892857", "0.190617", "0.345238");
      assertThat(column(page, table, 1)).startsWith("r18", "r50", "wrn", "mb2");

      page.click(table + " thead th:nth-child(1) button");
      assertThat(column(page, table, 1)).containsExactly("cnn", "cnn13", "mb2", "mlp", "r18", "r50", "wrn");
      // rows move whole: r18's NN-Mass stays with r18
      assertThat(column(page, table, 2).get(4)).isEqualTo("3392");

      BufferedImage shot = save(page.screenshot(), "zoo-" + DESKTOP);
      assertThat(colours(shot, 0, 0, shot.getWidth(), shot.getHeight())).as("colours of the screenshot")
          .isGreaterThanOrEqualTo(8);
      assertThat(page.errors()).isEmpty();
    } finally {
      page.close();
    }
    onAPhone(run, "zoo");
  }

  @Test
  void aReportWithRepeatsShowsItsChartsAndSortsMeanAndSdByTheMean() throws IOException {
    Path file = Files.writeString(dir.resolve("plots.nnx"), PLOTS);
    Path run = run(file, "plots");
    long svgs;
    try (var files = Files.list(run)) {
      svgs = files.filter(f -> f.toString().endsWith(".svg")).count();
    }
    assertThat(svgs).isEqualTo(4);
    Chromium.Page page = chromium.open(url(run), DESKTOP, 900, false);
    try {
      assertThat(page.errors()).as("errors of the page").isEmpty();
      assertThat(page.eval("document.title")).isEqualTo("Plots <of> \"NN-Mass\" & a seeded value");
      assertThat(page.eval("document.querySelector('h1').textContent")).isEqualTo(page.eval("document.title"));

      String table = "#element-1 table";
      assertThat(rows(page, table)).isEqualTo(9);
      List<String> before = column(page, table, 5);
      assertThat(before).allSatisfy(cell -> assertThat(cell).matches("0\\.[0-9]+ ± 0\\.[0-9]+"));
      page.click(table + " thead th:nth-child(5) button");
      List<String> sorted = column(page, table, 5);
      assertThat(sorted).containsExactlyInAnyOrderElementsOf(before).isNotEqualTo(before);
      assertThat(numbers(sorted)).as("the means of " + sorted).isSorted();

      List<?> charts = (List<?>) page.eval("Array.prototype.map.call(document.querySelectorAll('figure.chart svg'),"
          + " function (s) { var r = s.getBoundingClientRect(); var st = getComputedStyle(s);"
          + " return [r.left + scrollX, r.top + scrollY, r.width, r.height, st.visibility, st.display]; })");
      assertThat(charts).hasSize((int) svgs);
      for (Object chart : charts) {
        List<?> c = (List<?>) chart;
        assertThat(number(c.get(2))).as("chart width").isGreaterThan(400);
        assertThat(number(c.get(3))).as("chart height").isGreaterThan(200);
        assertThat(List.of(c.get(4), c.get(5))).containsExactly("visible", "block");
      }
      assertThat((String) page.eval("document.querySelector('#element-5 .note').textContent"))
          .contains("not numeric");

      BufferedImage shot = save(page.screenshot(), "plots-" + DESKTOP);
      List<?> first = (List<?>) charts.get(0);
      assertThat(colours(shot, (int) number(first.get(0)), (int) number(first.get(1)), (int) number(first.get(2)),
          (int) number(first.get(3)))).as("colours inside the first chart").isGreaterThanOrEqualTo(6);
      assertThat(page.errors()).isEmpty();
    } finally {
      page.close();
    }
    onAPhone(run, "plots");
  }

  @Test
  void theHarnessSeesConsoleErrorsExceptionsMissingFilesAndBlankPages() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.html"), "<!DOCTYPE html><title>broken</title>"
        + "<img src=\"missing.png\" alt=\"\"><script>console.error('boom'); notAFunction();</script>");
    Chromium.Page page = chromium.open(broken.toUri().toString(), DESKTOP, 600, false);
    try {
      List<String> errors = page.errors();
      assertThat(errors).anySatisfy(e -> assertThat(e).contains("boom"));
      assertThat(errors).anySatisfy(e -> assertThat(e).contains("notAFunction"));
      assertThat(errors).anySatisfy(e -> assertThat(e).contains("missing.png"));
      BufferedImage blank = page.screenshot();
      assertThat(colours(blank, 0, 0, blank.getWidth(), blank.getHeight())).isLessThan(8);
    } finally {
      page.close();
    }
  }

  /**
   * The report at a phone's width: the page fits it, nothing fails, and charts shrink only as far
   * as their text stays legible (the smallest, 14 px at 900 px, at least 9 px on screen), scrolling
   * sideways inside their figure beyond that.
   */
  private static void onAPhone(Path run, String name) throws IOException {
    Chromium.Page page = chromium.open(url(run), PHONE, 844, true);
    try {
      assertThat(page.errors()).isEmpty();
      assertThat(number(page.eval("innerWidth"))).as("the viewport meta tag applies").isEqualTo(PHONE);
      assertThat(number(page.eval("document.documentElement.scrollWidth"))).as("no sideways scrolling of the page")
          .isLessThanOrEqualTo(PHONE);
      List<?> widths = (List<?>) page.eval("Array.prototype.map.call(document.querySelectorAll('figure.chart svg'),"
          + " function (s) { return s.getBoundingClientRect().width; })");
      assertThat(widths).allSatisfy(w -> assertThat(14 * number(w) / org.nnx.report.Charts.WIDTH)
          .as("smallest chart text on screen, px").isGreaterThanOrEqualTo(9));
      List<?> figures = (List<?>) page.eval("Array.prototype.map.call(document.querySelectorAll('figure.chart'),"
          + " function (f) { return [f.clientWidth, f.scrollWidth, getComputedStyle(f).overflowX]; })");
      assertThat(figures).hasSameSizeAs(widths).allSatisfy(f -> {
        List<?> fig = (List<?>) f;
        assertThat(number(fig.get(0))).as("figure width").isLessThanOrEqualTo(PHONE);
        assertThat(number(fig.get(1))).as("the chart scrolls inside it").isGreaterThan(number(fig.get(0)));
        assertThat(fig.get(2)).isEqualTo("auto");
      });
      BufferedImage shot = save(page.screenshot(), name + "-" + PHONE);
      assertThat(colours(shot, 0, 0, shot.getWidth(), shot.getHeight())).isGreaterThanOrEqualTo(8);
    } finally {
      page.close();
    }
  }

  private static Path run(Path file, String name) {
    Path out = dir.resolve(name);
    Cli result = Cli.run("run", "-q", file.toString(), "--out", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(out.resolve("report.html")).isRegularFile();
    return out;
  }

  private static String url(Path run) {
    return run.resolve("report.html").toUri().toString();
  }

  private static int rows(Chromium.Page page, String table) {
    return (int) number(page.eval("document.querySelectorAll(" + Chromium.quote(table + " tbody tr") + ").length"));
  }

  private static List<String> cells(Chromium.Page page, String selector) {
    List<?> texts = (List<?>) page.eval("Array.prototype.map.call(document.querySelectorAll("
        + Chromium.quote(selector) + "), function (c) { return c.textContent.trim(); })");
    return texts.stream().map(String::valueOf).toList();
  }

  /** The cells of column {@code n} (from 1) in the order shown. */
  private static List<String> column(Chromium.Page page, String table, int n) {
    return cells(page, table + " tbody td:nth-child(" + n + ")");
  }

  /** The numbers of cells: the mean of {@code mean ± sd}. */
  private static List<Double> numbers(List<String> cells) {
    return cells.stream().map(c -> Double.parseDouble(c.split(" ± ")[0])).toList();
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  /** How many distinct colours the rectangle holds. */
  private static int colours(BufferedImage image, int x, int y, int width, int height) {
    Set<Integer> seen = new HashSet<>();
    for (int i = Math.max(0, x); i < Math.min(image.getWidth(), x + width); i++) {
      for (int j = Math.max(0, y); j < Math.min(image.getHeight(), y + height); j++) {
        seen.add(image.getRGB(i, j) & 0xFFFFFF);
      }
    }
    return seen.size();
  }

  private static BufferedImage save(BufferedImage image, String name) throws IOException {
    Path shots = Cli.root().resolve("examples/target/report-screenshots");
    Files.createDirectories(shots);
    ImageIO.write(image, "png", shots.resolve(name + ".png").toFile());
    return image;
  }
}
