package org.nnx.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.syntax.Location;

class HtmlReportTest {

  private static final Location AT = new Location("t.nnx", 1, 1);
  private static final Instant STARTED = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant FINISHED = Instant.parse("2024-05-01T10:00:02.5Z");

  @TempDir
  Path dir;

  /** depth ∈ {4, 8} × tc ∈ {0, 1, 2}, 2 repeats: acc = 0.5 + 0.1·tc + depth/100 ± 0.01 (repeat 0 −, 1 +). */
  private static List<TrialResult> grid() {
    List<TrialResult> out = new ArrayList<>();
    int trial = 0;
    for (int depth : new int[] {4, 8}) {
      for (int tc = 0; tc <= 2; tc++) {
        for (int repeat = 0; repeat < 2; repeat++) {
          Map<String, Object> values = new HashMap<>();
          values.put("acc", 0.5 + 0.1 * tc + depth / 100.0 + (repeat == 0 ? -0.01 : 0.01));
          values.put("mass", (double) (depth - 2) * tc);
          out.add(new TrialResult(trial, "net", repeat, 1000L * trial + repeat,
              Map.of("depth", Integer.toString(depth), "tc", Integer.toString(tc)), values, null, 0.25 + trial));
        }
        trial++;
      }
    }
    return out;
  }

  private static ReportRequest request(ReportKind kind, Map<String, String> options, String... columns) {
    return new ReportRequest(kind, List.of(columns), options, AT);
  }

  /** What a report of the grid shows: its requests and the header of an experiment of 7 seeds, 2 repeats. */
  private record Subject(ReportHeader header, List<ReportRequest> requests) {}

  private static Subject experiment(String title, String source, List<ReportRequest> reports) {
    return experiment(title, source, reports, grid(), "examples/grid.nnx");
  }

  private static Subject experiment(String title, String source, List<ReportRequest> reports,
      List<TrialResult> results, String file) {
    return new Subject(new ReportHeader("Experiment", "grid", title, file, "6 trials × 2 repeats, seed 7",
        List.of("Metric cells show the mean ± sample standard deviation over the 2 repeats."), source,
        List.of(Map.entry("experiment seed", "7 (each trial repeat derives its own seed from it)"),
            Map.entry("trials", "6 × 2 repeats")), results, List.of()), reports);
  }

  private static Report report(Subject s, List<TrialResult> results) {
    return Report.of(s.requests(), List.of("architecture", "depth", "tc", "acc", "mass"), results, 2, 7);
  }

  private static Provenance provenance(Instant started, Instant finished) {
    return new Provenance("0.1.0", "17.0.2", "Test VM", "Linux 6 amd64", 8, 4, Map.of("name", "local"),
        List.of(new Provenance.Plugin("core", "0.1.0"), new Provenance.Plugin("nn-mass", "0.2.0")),
        List.of("nnx", "run", "grid.nnx"), started, finished);
  }

  /** Every element kind: fit, table, plot, correlation, note. */
  private static final List<ReportRequest> ALL = List.of(
      request(ReportKind.FIT, Map.of(), "acc", "mass"),
      request(ReportKind.TABLE, Map.of(), "depth", "tc", "acc"),
      request(ReportKind.PLOT, Map.of("by", "depth"), "acc", "tc"),
      request(ReportKind.CORRELATE, Map.of(), "acc", "mass", "tc"),
      request(ReportKind.PLOT, Map.of(), "acc", "architecture"));

  private String page(Subject experiment, List<TrialResult> results) throws IOException {
    Report report = report(experiment, results);
    report.writeFigures(dir);
    ReportHeader h = experiment.header();
    ReportHeader withResults = new ReportHeader(h.kind(), h.name(), h.title(), h.file(), h.summary(), h.notes(),
        h.source(), h.facts(), results, h.files());
    return HtmlReport.write(withResults, report, provenance(STARTED, FINISHED), dir);
  }

  @Test
  void everyElementAppearsInDeclaredOrderWithItsChartsInline() throws IOException {
    String html = page(experiment("Grid", "experiment grid {}\n", ALL), grid());
    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .contains("<title>Grid</title>").contains("<h1>Grid</h1>");
    int fit = html.indexOf("<section id=\"element-1\">\n<h2>Fit: acc = a + b · mass</h2>");
    int table = html.indexOf("<section id=\"element-2\">\n<h2>Table</h2>");
    int plot = html.indexOf("<section id=\"element-3\">\n<h2>acc vs tc, by depth</h2>");
    int correlation = html.indexOf("<section id=\"element-4\">\n<h2>Correlation with acc</h2>");
    int note = html.indexOf("<section id=\"element-5\">\n<h2><code>plot(acc, architecture)</code></h2>");
    int source = html.indexOf("<section id=\"experiment\">\n<h2>Experiment file</h2>\n<pre><code>experiment grid {}");
    int provenance = html.indexOf("<section id=\"provenance\">");
    int files = html.indexOf("<section id=\"files\">");
    assertThat(List.of(fit, table, plot, correlation, note, source, provenance, files)).doesNotContain(-1).isSorted();
    assertThat(html.substring(note)).contains("<strong>Not drawn:</strong> column &#39;architecture&#39; is not numeric");
    assertThat(html.substring(fit, table)).contains("<td>b (slope)</td>").contains("R² = ");
    assertThat(html.substring(correlation, note)).contains("Kendall τ").contains("1000 resamples");
    // one inline SVG per chart, without the XML prolog, each scaled by a viewBox and named
    assertThat(count(html, "<svg ")).isEqualTo(4);
    assertThat(html).doesNotContain("<?xml").doesNotContain("<!DOCTYPE svg")
        .contains("viewBox='0 0 " + Charts.WIDTH + " " + Charts.HEIGHT + "' role='img' aria-label='acc vs tc, by depth'");
    assertThat(html.substring(plot, correlation)).contains("<figure class=\"chart\" id=\"figure-plot-acc-vs-tc\">")
        .contains("error bars ± one sample standard deviation (6 trials).");
    // each point names its trial on hover; on a phone the charts scroll rather than shrink past legibility
    assertThat(html.substring(plot, correlation)).contains("<title>trial 0 (net): tc = 0, acc = ");
    assertThat(html).contains(".chart { overflow-x: auto; }").contains("min-width: 640px");
    // the table: one row per trial, mean ± sd cells
    assertThat(count(html.substring(table, plot), "<tr>")).isEqualTo(1 + 6);
    assertThat(html.substring(table, plot)).contains("<td class=\"n\" data-v=\"0.54\">0.54 ± 0.0141421</td>");
  }

  @Test
  void idsAreUniqueAcrossTheInlinedChartsAndEveryReferenceResolves() throws IOException {
    String html = page(experiment("Grid", "", ALL), grid());
    List<String> ids = new ArrayList<>();
    Matcher id = Pattern.compile("\\sid=['\"]([^'\"]+)['\"]").matcher(html);
    while (id.find()) {
      ids.add(id.group(1));
    }
    assertThat(ids).doesNotHaveDuplicates().contains("figure-fit-acc-vs-mass", "fit-acc-vs-mass-nnxclip-0",
        "plot-acc-vs-tc-nnxclip-0");
    Matcher url = Pattern.compile("url\\(#([^)]+)\\)").matcher(html);
    int references = 0;
    while (url.find()) {
      assertThat(ids).contains(url.group(1));
      references++;
    }
    assertThat(references).isPositive();
  }

  @Test
  void tablesSortOnTheirHeadersWithNumericKeys() throws IOException {
    String html = page(experiment("Grid", "", List.of(request(ReportKind.TABLE, Map.of(), "architecture", "depth", "acc"))),
        grid());
    assertThat(html).contains("<table class=\"sortable\">")
        .contains("<th scope=\"col\" data-type=\"text\" aria-sort=\"none\"><button type=\"button\">architecture</button></th>")
        .contains("<th scope=\"col\" class=\"n\" data-type=\"number\" aria-sort=\"none\"><button type=\"button\">acc</button></th>")
        .contains("<tr><td>net</td><td class=\"n\" data-v=\"4\">4</td><td class=\"n\" data-v=\"0.54\">0.54 ± 0.0141421</td></tr>")
        .contains("<script>\n(function () {").contains("addEventListener('click'");
    assertThat(count(html, "<script")).isEqualTo(1);
  }

  @Test
  void sortKeysAreNumbersOrTheMeanAndColumnsWithOtherTextSortAsText() {
    assertThat(HtmlTable.key("22.0952")).contains("22.0952");
    assertThat(HtmlTable.key("0.53 ± 0.0141421")).contains("0.53");
    assertThat(HtmlTable.key("-1.5E-4 ± 2")).contains("-1.5E-4");
    assertThat(HtmlTable.key("Infinity")).contains("Infinity");
    assertThat(HtmlTable.key("n/a")).isEmpty();
    assertThat(HtmlTable.key("[0.775, 1.000]")).isEmpty();
    assertThat(HtmlTable.key("10;20;40")).isEmpty();
    assertThat(HtmlTable.key("r18")).isEmpty();
    ResultTable table = ResultTable.ofCells(List.of("tau", "interval", "empty"),
        List.of(List.of("0.905", "[0.775, 1.000]", ""), List.of("n/a", "n/a", "")));
    assertThat(HtmlTable.numeric(table, 0)).isTrue();
    assertThat(HtmlTable.numeric(table, 1)).isFalse();
    assertThat(HtmlTable.numeric(table, 2)).isFalse();
    String html = HtmlTable.render(table, "t", true);
    assertThat(html).contains("<td class=\"n\">n/a</td>").contains("<td>[0.775, 1.000]</td>");
  }

  @Test
  void everythingFromUsersIsEscaped() throws IOException {
    String title = "<script>alert(\"x\")</script> & 'q'";
    String source = "experiment e { title \"</code></pre><img src=x onerror=alert(1)>\" }";
    List<TrialResult> results = List.of(new TrialResult(0, "<b>net</b>", 0, 1, Map.of("depth", "<i>4</i>"),
        Map.of("acc", 0.5), "metric <u>acc</u> failed", 0.1));
    Subject experiment = experiment(title, source, List.of(request(ReportKind.TABLE, Map.of(), "architecture", "depth",
        "acc")), results, "dir/<a&b>.nnx");
    String html = HtmlReport.write(experiment.header(), report(experiment, results),
        new Provenance("0.1.0", "<java>", "<vm>", "<os>", 1, 1, Map.of("name", "local"),
            List.of(new Provenance.Plugin("<p>", "<v>")),
            List.of("nnx", "run", "<a&b>.nnx", "--set", "title=\"<t>\""), STARTED, FINISHED), dir);
    assertThat(html).contains("<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</title>")
        .contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</h1>")
        .contains("&lt;/code&gt;&lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;")
        .contains("<td>&lt;b&gt;net&lt;/b&gt;</td>").contains("&lt;i&gt;4&lt;/i&gt;")
        .contains("failed: metric &lt;u&gt;acc&lt;/u&gt; failed").contains("dir/&lt;a&amp;b&gt;.nnx")
        .contains("&lt;p&gt; &lt;v&gt;").contains("title=&quot;&lt;t&gt;&quot;");
    assertThat(html).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("<b>net")
        .doesNotContain("<i>4").doesNotContain("<u>").doesNotContain("<java>").doesNotContain("<p> <v>");
    assertThat(count(html, "<script")).isEqualTo(1);
    assertThat(HtmlText.escape("a\0b")).isEqualTo("a\uFFFDb");
  }

  @Test
  void provenanceHasVersionsMachineSeedsAndTheTimeOfEveryTrialRepeat() throws IOException {
    String html = page(experiment("Grid", "", ALL), grid());
    String provenance = html.substring(html.indexOf("<section id=\"provenance\">"), html.indexOf("<section id=\"files\">"));
    assertThat(provenance).contains("<dt>nnx</dt><dd>0.1.0</dd>").contains("<dt>Java</dt><dd>17.0.2 (Test VM)</dd>")
        .contains("<dt>plugins</dt><dd>core 0.1.0, nn-mass 0.2.0</dd>")
        .contains("<dt>operating system</dt><dd>Linux 6 amd64</dd>").contains("<dt>CPUs</dt><dd>8</dd>")
        .contains("<dt>workers</dt><dd>4</dd>").contains("<dt>command</dt><dd><code>nnx run grid.nnx</code></dd>")
        .contains("<dt>experiment seed</dt><dd>7 (").contains("<dt>trials</dt><dd>6 × 2 repeats</dd>")
        .contains("<time datetime=\"2024-05-01T10:00:00Z\">2024-05-01T10:00:00Z</time>")
        .contains("<dt>duration</dt><dd>2.5 s</dd>")
        .contains("<details id=\"trial-repeats\">\n<summary>Seed and time of each trial repeat (12)</summary>");
    // trial 5, repeat 1: its derived seed and time
    assertThat(provenance).contains("<tr><td class=\"n\" data-v=\"5\">5</td><td>net</td><td class=\"n\" data-v=\"1\">1</td>"
        + "<td class=\"n\" data-v=\"5001\">5001</td><td class=\"n\" data-v=\"5.25\">5.25</td><td>ok</td></tr>");
    assertThat(count(provenance, "<tr>")).isEqualTo(1 + 12);
  }

  @Test
  void linksPointToTheRawFilesAndTheCharts() throws IOException {
    String html = page(experiment("Grid", "", ALL), grid());
    for (String raw : List.of("results.csv", "results.json", "experiment.nnx", "run.json", "run.log", "report.md")) {
      Files.writeString(dir.resolve(raw), "x");
      assertThat(html).contains("<a href=\"" + raw + "\">" + raw + "</a>");
    }
    Set<String> anchors = new HashSet<>();
    Matcher id = Pattern.compile("\\sid=\"([^\"]+)\"").matcher(html);
    while (id.find()) {
      anchors.add(id.group(1));
    }
    Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    Set<String> files = new HashSet<>();
    while (href.find()) {
      String target = href.group(1);
      if (target.startsWith("#")) {
        assertThat(anchors).contains(target.substring(1));
      } else if (!target.startsWith("data:")) {
        assertThat(dir.resolve(target)).as(target).isRegularFile();
        files.add(target);
      }
    }
    assertThat(files).contains("plot-acc-vs-tc.png", "plot-acc-vs-tc.svg", "fit-acc-vs-mass.svg",
        "correlate-acc-vs-tc.png", "correlate-acc-vs-mass.svg");
  }

  @Test
  void thePageNeedsNoNetwork() throws IOException {
    String html = page(experiment("Grid", "", ALL), grid());
    assertThat(html).doesNotContainPattern("(src|href)=[\"']?(https?:)?//").doesNotContain("@import")
        .doesNotContainPattern("url\\(['\"]?(https?:)?//").doesNotContain("<link rel=\"stylesheet\"");
    Matcher src = Pattern.compile("\\ssrc=\"([^\"]*)\"").matcher(html);
    while (src.find()) {
      assertThat(src.group(1)).startsWith("data:");
    }
  }

  @Test
  void theSameRunGivesTheSamePageExceptForItsTimes() throws IOException {
    Subject experiment = experiment("Grid", "experiment grid {}\n", ALL);
    Report report = report(experiment, grid());
    report.writeFigures(dir);
    String a = HtmlReport.write(experiment.header(), report, provenance(STARTED, FINISHED), dir);
    String b = HtmlReport.write(experiment.header(), report(experiment, grid()), provenance(STARTED, FINISHED), dir);
    assertThat(a).isEqualTo(b);
    String later = HtmlReport.write(experiment.header(), report,
        provenance(STARTED.plusSeconds(3600), FINISHED.plusSeconds(3601)), dir);
    assertThat(later).isNotEqualTo(a);
    assertThat(withoutTimes(later)).isEqualTo(withoutTimes(a));
  }

  @Test
  void aChartWithoutSvgShowsItsPngAndOneWithNeitherANote() throws IOException {
    Subject experiment = experiment("Grid", "", ALL);
    Report report = report(experiment, grid());
    report.writeFigures(dir);
    Files.delete(dir.resolve("plot-acc-vs-tc.svg"));
    Files.delete(dir.resolve("fit-acc-vs-mass.svg"));
    Files.delete(dir.resolve("fit-acc-vs-mass.png"));
    String html = HtmlReport.write(experiment.header(), report, provenance(STARTED, FINISHED), dir);
    String plot = html.substring(html.indexOf("id=\"figure-plot-acc-vs-tc\""));
    assertThat(plot).startsWith("id=\"figure-plot-acc-vs-tc\">\n<img src=\"data:image/png;base64,iVBORw0KGgo");
    String fit = html.substring(html.indexOf("id=\"figure-fit-acc-vs-mass\""));
    assertThat(fit).startsWith("id=\"figure-fit-acc-vs-mass\">\n<p class=\"note bad\">This chart could not be drawn");
    assertThat(html).doesNotContain("href=\"fit-acc-vs-mass.png\"").doesNotContain("href=\"plot-acc-vs-tc.svg\"");
    assertThat(count(html, "<svg ")).isEqualTo(2);
  }

  @Test
  void failedTrialRunsAreCountedAtTheTop() throws IOException {
    List<TrialResult> results = new ArrayList<>(grid());
    results.set(3, new TrialResult(1, "net", 1, 1001, Map.of("depth", "4", "tc", "1"), Map.of(), "metric acc failed", 0.1));
    String html = page(experiment("Grid", "", List.of(request(ReportKind.TABLE, Map.of(), "depth", "acc"))), results);
    assertThat(html.indexOf("<p class=\"note bad\"><strong>1 trial run failed</strong>"))
        .isPositive().isLessThan(html.indexOf("<section"));
    assertThat(html).contains("<td>failed: metric acc failed</td>");
  }

  @Test
  void inlinedSvgGetsPrefixedIdsAViewBoxAndAName() {
    String svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.0//EN\" \"svg10.dtd\">\n"
        + "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='900.0' "
        + "height='560.0'><defs><clipPath id='c0'><path d='M0 0'/></clipPath></defs>"
        + "<rect clip-path='url(#c0)'/><use xlink:href='#c0'/><g id=\"g\" style=\"fill: url(#g)\"/></svg>\n";
    assertThat(HtmlSvg.inline(svg, "f-", "a < b")).contains("<svg xmlns='http://www.w3.org/2000/svg' "
        + "xmlns:xlink='http://www.w3.org/1999/xlink' width='900.0' height='560.0' viewBox='0 0 900 560' role='img' "
        + "aria-label='a &lt; b'><defs><clipPath id='f-c0'><path d='M0 0'/></clipPath></defs>"
        + "<rect clip-path='url(#f-c0)'/><use xlink:href='#f-c0'/><g id=\"f-g\" style=\"fill: url(#f-g)\"/></svg>");
    assertThat(HtmlSvg.inline("<html></html>", "f-", "x")).isEmpty();
    assertThat(HtmlSvg.inline("<svg width='1' height='1'><g>", "f-", "x")).as("truncated").isEmpty();
  }

  /** The page with every reported time and duration blanked. */
  private static String withoutTimes(String html) {
    return html.replaceAll("<time datetime=\"[^\"]*\">[^<]*</time>", "<time/>")
        .replaceAll("for [0-9.]+ s\\.", "for _ s.").replaceAll("<dd>[0-9.]+ s</dd>", "<dd>_ s</dd>");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
