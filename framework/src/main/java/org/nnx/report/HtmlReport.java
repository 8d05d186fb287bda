package org.nnx.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code report.html}: one self-contained page per run that opens from a file anywhere, with no
 * network access (inline CSS, a small inline script, charts inlined as SVG). It holds the title, a
 * line on the run, every report element in declared order (tables sortable by clicking a header,
 * plots, fits, correlations, notes), the experiment file as it ran, the provenance (versions,
 * machine, seeds, the seed and time of every trial repeat) and links to the raw files.
 *
 * <p>Everything that comes from users is escaped. The page depends only on its inputs: the same run
 * gives the same page except for the times it reports.
 */
public final class HtmlReport {

  /** The files every run directory holds, with what they are, in the order the page lists them. */
  private static final List<Map.Entry<String, String>> RAW_FILES = List.of(
      Map.entry("results.csv", "the results, every value in full precision"),
      Map.entry("results.json", "the same, typed"),
      Map.entry("experiment.nnx", "the block as it ran, with the blocks it names"),
      Map.entry("run.json", "versions, machine, seeds and times"),
      Map.entry("run.log", "the log of the run"),
      Map.entry("report.md", "this report in Markdown"));

  private HtmlReport() {}

  /**
   * The page of a computed report.
   *
   * @param header what ran: the opening lines, the block's source, its facts and its trial repeats
   * @param report the report computed from its results
   * @param provenance versions, machine and times of the run
   * @param dir the run directory: each chart is inlined from its {@code .svg} file there (or its
   *     {@code .png} when the SVG is missing), and links point to the files next to the page
   * @return the HTML text
   */
  public static String write(ReportHeader header, Report report, Provenance provenance, Path dir) {
    List<Section> sections = new ArrayList<>();
    long tables = report.elements().stream().filter(e -> e instanceof TableElement).count();
    int tableNumber = 0;
    for (ReportElement element : report.elements()) {
      String id = "element-" + (sections.size() + 1);
      if (element instanceof TableElement t) {
        tableNumber++;
        sections.add(table(id, t, tables > 1 ? "Table " + tableNumber : "Table"));
      } else if (element instanceof PlotElement p) {
        sections.add(plot(id, p, dir));
      } else if (element instanceof ProfileElement p) {
        String caption = "One line per trial over " + String.join(", ", p.columns()) + " (" + Format.count(p.lines(),
            "line") + ")." + (p.leftOut() > 0 ? " " + Format.count(p.leftOut(), "value")
                + " left out as missing or not finite." : "");
        sections.add(new Section(id, HtmlText.escape(p.figure().title()), figure(p.figure(), caption, dir)));
      } else if (element instanceof FitElement f) {
        sections.add(fit(id, f, dir));
      } else if (element instanceof CorrelationElement c) {
        sections.add(correlation(id, c, dir));
      } else if (element instanceof NoteElement n) {
        sections.add(note(id, n));
      } else if (element instanceof TextElement t) {
        sections.add(text(id, t));
      }
    }
    String title = HtmlText.escape(header.title());
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"nnx ").append(HtmlText.escape(provenance.nnxVersion()))
        .append("\">\n<title>").append(title).append("</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n")
        .append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>").append(title)
        .append("</h1>\n");
    out.append("<p class=\"lead\">").append(HtmlText.escape(header.kind())).append(" <code>")
        .append(HtmlText.escape(header.name())).append("</code> from <code>").append(HtmlText.escape(header.file()))
        .append("</code>").append(header.summary().isEmpty() ? "" : ": " + HtmlText.escape(header.summary()))
        .append(". Ran <time datetime=\"").append(provenance.started()).append("\">").append(provenance.started())
        .append("</time> for ").append(seconds(provenance)).append(".</p>\n");
    for (String note : header.notes()) {
      out.append("<p>").append(HtmlText.escape(note)).append("</p>\n");
    }
    long failed = header.failedRuns();
    if (failed > 0) {
      out.append("<p class=\"note bad\"><strong>").append(Format.count((int) failed, "trial run"))
          .append(" failed</strong>; see <a href=\"run.log\">run.log</a> and the trial repeats under ")
          .append("<a href=\"#provenance\">Provenance</a>.</p>\n");
    }
    sections.add(new Section("experiment", "Experiment file", "<pre><code>" + HtmlText.escape(header.source())
        + "</code></pre>\n"));
    sections.add(new Section("provenance", "Provenance", provenance(header, provenance)));
    sections.add(new Section("files", "Files", files(header, report, dir)));
    out.append("<nav aria-label=\"Contents\"><p>");
    for (int i = 0; i < sections.size(); i++) {
      out.append(i == 0 ? "" : " · ").append("<a href=\"#").append(sections.get(i).id()).append("\">")
          .append(sections.get(i).heading()).append("</a>");
    }
    out.append("</p></nav>\n</header>\n");
    for (Section s : sections) {
      out.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(s.heading()).append("</h2>\n")
          .append(s.body()).append("</section>\n");
    }
    out.append("</main>\n<script>\n").append(HtmlScript.JS).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  /**
   * A part of the page.
   *
   * @param id its fragment identifier
   * @param heading its heading, as HTML
   * @param body its content, as HTML
   */
  private record Section(String id, String heading, String body) {}

  private static Section table(String id, TableElement element, String numbered) {
    ResultTable t = element.table();
    String heading = element.heading().isEmpty() ? numbered : element.heading();
    String body = "<p class=\"lead\">" + Format.count(t.rows().size(), "row")
        + (t.rows().size() > 1 ? "; click a column header to sort." : ".") + "</p>\n"
        + HtmlTable.render(t, heading + ": " + String.join(", ", t.columns()), true);
    return new Section(id, HtmlText.escape(heading), body);
  }

  private static Section plot(String id, PlotElement p, Path dir) {
    StringBuilder caption = new StringBuilder(p.repeats() > 1
        ? "One point per trial at the mean over its repeats, error bars ± one sample standard deviation"
        : "One point per trial").append(" (").append(Format.count(p.trials(), "trial")).append(").");
    if (p.leftOut() > 0) {
      caption.append(' ').append(Format.count(p.leftOut(), "trial repeat"))
          .append(" left out for missing or non-finite values.");
    }
    return new Section(id, HtmlText.escape(p.figure().title()), figure(p.figure(), caption.toString(), dir));
  }

  private static Section fit(String id, FitElement f, Path dir) {
    LinearFit fit = f.fit();
    ResultTable coefficients = ResultTable.ofCells(List.of("coefficient", "estimate", "standard error"), List.of(
        List.of("a (intercept)", Format.number(fit.intercept()), Format.number(fit.interceptStandardError())),
        List.of("b (slope)", Format.number(fit.slope()), Format.number(fit.slopeStandardError()))));
    StringBuilder text = new StringBuilder("Ordinary least squares over n = ")
        .append(Format.count((int) fit.n(), "trial repeat")).append(": R² = ")
        .append(Format.coefficient(fit.rSquared())).append('.');
    if (f.leftOut() > 0) {
      text.append(' ').append(Format.count(f.leftOut(), "trial repeat"))
          .append(" left out for missing or non-finite values.");
    }
    String heading = "Fit: " + f.y() + " = a + b · " + f.x();
    String body = HtmlTable.render(coefficients, heading, false) + "<p>" + HtmlText.escape(text.toString()) + "</p>\n"
        + figure(f.figure(), "Every trial repeat and the least-squares line.", dir);
    return new Section(id, HtmlText.escape(heading), body);
  }

  private static Section correlation(String id, CorrelationElement c, Path dir) {
    String heading = "Correlation with " + c.y();
    boolean anyLeftOut = c.rows().stream().anyMatch(r -> r.leftOut() > 0);
    String method = "Sorted by |Kendall τ|. n counts trials"
        + (c.repeats() > 1 ? ", each at the mean over its repeats" : "")
        + "; intervals are " + Math.round(Correlations.CONFIDENCE * 100) + "% percentile bootstrap intervals from "
        + Correlations.RESAMPLES + " resamples of the trials, seeded from the experiment seed"
        + (anyLeftOut ? "; \"left out\" counts trial repeats with a missing or non-finite value" : "") + ".";
    StringBuilder body = new StringBuilder(HtmlTable.render(c.table(), heading, true));
    body.append("<p>").append(HtmlText.escape(method)).append("</p>\n");
    for (String note : c.notes()) {
      body.append("<p class=\"note\"><strong>Not computed:</strong> ").append(HtmlText.escape(note)).append(".</p>\n");
    }
    for (CorrelationElement.Row r : c.rows()) {
      body.append(figure(r.figure(), r.figure().title() + ": Kendall τ = "
          + Format.coefficient(r.summary().kendallTau().value()) + ", n = " + Format.count(r.summary().n(), "trial")
          + ".", dir));
    }
    return new Section(id, HtmlText.escape(heading), body.toString());
  }

  private static Section text(String id, TextElement t) {
    return new Section(id, t.heading().isEmpty() ? "Notes" : HtmlText.escape(t.heading()), HtmlText.markdown(t.body()));
  }

  private static Section note(String id, NoteElement n) {
    return new Section(id, "<code>" + HtmlText.escape(n.element()) + "</code>",
        "<p class=\"note\"><strong>Not drawn:</strong> " + HtmlText.escape(n.message()) + ".</p>\n");
  }

  /** A chart: its SVG inline, else its PNG as a data URI, else a note; a caption with links to the files. */
  private static String figure(Figure f, String caption, Path dir) {
    StringBuilder out = new StringBuilder("<figure class=\"chart\" id=\"figure-").append(HtmlText.escape(f.name()))
        .append("\">\n");
    Optional<String> svg = read(dir.resolve(f.svg()))
        .flatMap(text -> HtmlSvg.inline(text, f.name() + "-", f.title()));
    Optional<byte[]> png = svg.isPresent() ? Optional.empty() : readBytes(dir.resolve(f.png()));
    if (svg.isPresent()) {
      out.append(svg.get()).append('\n');
    } else if (png.isPresent()) {
      out.append("<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png.get()))
          .append("\" width=\"").append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT).append("\" alt=\"")
          .append(HtmlText.escape(f.title())).append("\">\n");
    } else {
      out.append("<p class=\"note bad\">This chart could not be drawn; see <a href=\"run.log\">run.log</a>.</p>\n");
    }
    out.append("<figcaption>").append(HtmlText.escape(caption));
    List<String> links = links(f, dir);
    if (!links.isEmpty()) {
      out.append(" Files: ").append(String.join(", ", links)).append('.');
    }
    return out.append("</figcaption>\n</figure>\n").toString();
  }

  private static String provenance(ReportHeader header, Provenance p) {
    StringBuilder out = new StringBuilder("<dl class=\"facts\">\n");
    fact(out, "nnx", p.nnxVersion());
    fact(out, "Java", p.java());
    fact(out, "plugins", String.join(", ", p.plugins().stream().map(x -> x.name() + " " + x.version()).toList()));
    fact(out, "operating system", p.os());
    fact(out, "CPUs", Integer.toString(p.cpus()));
    fact(out, "workers", Integer.toString(p.workers()));
    fact(out, "executor", String.join(", ", p.executor().entrySet().stream()
        .map(e -> e.getKey().equals("name") ? String.valueOf(e.getValue()) : e.getKey() + " " + e.getValue()).toList()));
    out.append("<dt>command</dt><dd><code>").append(HtmlText.escape(String.join(" ", p.command())))
        .append("</code></dd>\n");
    for (Map.Entry<String, String> f : header.facts()) {
      fact(out, f.getKey(), f.getValue());
    }
    out.append("<dt>started</dt><dd><time datetime=\"").append(p.started()).append("\">").append(p.started())
        .append("</time></dd>\n<dt>finished</dt><dd><time datetime=\"").append(p.finished()).append("\">")
        .append(p.finished()).append("</time></dd>\n");
    fact(out, "duration", seconds(p));
    out.append("</dl>\n");
    List<TrialResult> results = header.trialRuns();
    if (results.isEmpty()) {
      return out.toString();
    }
    List<List<String>> rows = new ArrayList<>();
    for (TrialResult r : results) {
      rows.add(List.of(Integer.toString(r.trial()), r.architecture(), Integer.toString(r.repeat()),
          Long.toString(r.seed()), Format.number(r.seconds()), r.failure() == null ? "ok" : "failed: " + r.failure()));
    }
    ResultTable trials = ResultTable.ofCells(
        List.of("trial", "architecture", "repeat", "seed", "seconds", "status"), rows);
    out.append("<details id=\"trial-repeats\">\n<summary>Seed and time of each trial repeat (")
        .append(results.size()).append(")</summary>\n")
        .append(HtmlTable.render(trials, "Seed and time of each trial repeat", true)).append("</details>\n");
    return out.toString();
  }

  private static void fact(StringBuilder out, String name, String value) {
    out.append("<dt>").append(HtmlText.escape(name)).append("</dt><dd>").append(HtmlText.escape(value))
        .append("</dd>\n");
  }

  private static String seconds(Provenance p) {
    return Format.number(p.seconds()) + " s";
  }

  private static String files(ReportHeader header, Report report, Path dir) {
    StringBuilder out = new StringBuilder("<ul class=\"files\">\n");
    List<Map.Entry<String, String>> all = new ArrayList<>(RAW_FILES);
    all.addAll(header.files());
    for (Map.Entry<String, String> file : all) {
      out.append("<li><a href=\"").append(file.getKey()).append("\">").append(file.getKey()).append("</a>: ")
          .append(file.getValue()).append("</li>\n");
    }
    for (Figure f : report.figures()) {
      List<String> links = links(f, dir);
      if (!links.isEmpty()) {
        out.append("<li>").append(String.join(", ", links)).append(": ").append(HtmlText.escape(f.title()))
            .append("</li>\n");
      }
    }
    return out.append("</ul>\n").toString();
  }

  /** Links to a chart's PNG and SVG files, those that exist. */
  private static List<String> links(Figure f, Path dir) {
    List<String> links = new ArrayList<>();
    for (String file : List.of(f.png(), f.svg())) {
      if (Files.isRegularFile(dir.resolve(file))) {
        links.add("<a href=\"" + HtmlText.escape(file) + "\">" + HtmlText.escape(file) + "</a>");
      }
    }
    return links;
  }

  private static Optional<String> read(Path file) {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> readBytes(Path file) {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
