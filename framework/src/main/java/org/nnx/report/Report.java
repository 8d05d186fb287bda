package org.nnx.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The report of a run: every element the experiment declares after {@code report}, in order,
 * computed from the results (without a {@code report} entry, one table of every parameter and metric
 * column). Computing it touches no files; {@link #writeFigures} draws the charts into the run
 * directory.
 */
public final class Report {

  private static final Logger LOG = LogManager.getLogger(Report.class);

  private final List<ReportElement> elements;

  /** A report of the given elements, in order. */
  public Report(List<ReportElement> elements) {
    this.elements = List.copyOf(elements);
  }

  /**
   * Computes the elements a block requests from its results.
   *
   * @param requests the {@code report} elements as written; when there are none, one table of
   *     {@code defaultColumns}
   * @param defaultColumns the columns of the table shown without requests
   * @param results every trial repeat, in trial order
   * @param repeats repeats per trial (tables and plots show means over them)
   * @param seed the seed of the correlations' bootstrap
   */
  public static Report of(List<ReportRequest> requests, List<String> defaultColumns, List<TrialResult> results,
      int repeats, long seed) {
    List<ReportElement> elements = new ArrayList<>();
    FigureNames names = new FigureNames();
    if (requests.isEmpty()) {
      elements.add(new TableElement(ResultTable.of(results, defaultColumns)));
    }
    for (ReportRequest request : requests) {
      elements.add(switch (request.kind()) {
        case TABLE -> new TableElement(ResultTable.of(results, request.columns()));
        case PLOT -> PlotElement.of(request, results, repeats, names);
        case FIT -> FitElement.of(request, results, names);
        case CORRELATE -> CorrelationElement.of(request, results, repeats, seed, names);
        case PROFILE -> ProfileElement.of(request, results, repeats, names);
      });
    }
    return new Report(elements);
  }

  /** The elements, in declared order. */
  public List<ReportElement> elements() {
    return elements;
  }

  /** Every chart of every element, in order. */
  public List<Figure> figures() {
    return elements.stream().flatMap(e -> e.figures().stream()).toList();
  }

  /**
   * Draws every chart into {@code dir} as {@code name.png} (width {@link Charts#WIDTH}, height {@link
   * Charts#HEIGHT}) and {@code name.svg}, each written whole through a temporary file. A chart that
   * fails to draw is logged and skipped; the others are still written.
   *
   * @param dir the run directory
   * @return the files written, PNG before SVG, and the charts that failed
   * @throws IOException when a file cannot be written
   */
  public Written writeFigures(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Figure figure : figures()) {
      byte[] png;
      String svg;
      try {
        png = Charts.png(figure.chart(), Charts.WIDTH, Charts.HEIGHT);
        svg = Charts.svg(figure.chart(), Charts.WIDTH, Charts.HEIGHT);
      } catch (RuntimeException | LinkageError e) {
        LOG.error("could not draw {}", figure.name(), e);
        failures.add(figure.name() + ": " + e);
        continue;
      }
      files.add(write(dir, figure.png(), png));
      files.add(write(dir, figure.svg(), svg.getBytes(StandardCharsets.UTF_8)));
    }
    return new Written(List.copyOf(files), List.copyOf(failures));
  }

  /**
   * What {@link #writeFigures} did.
   *
   * @param files the files written
   * @param failures one line per chart that could not be drawn
   */
  public record Written(List<Path> files, List<String> failures) {}

  private static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return org.nnx.files.AtomicFiles.write(dir.resolve(name), bytes);
  }
}
