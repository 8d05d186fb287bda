package org.nnx.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Renders a {@link ChartSpec} with JFreeChart: to PNG (through ImageIO) and to SVG (through JFreeSVG).
 * Runs headless: the first use sets {@code java.awt.headless=true} unless it is set already. Colours
 * and markers are fixed per series index (the Okabe–Ito colour-blind-safe palette), and the SVG has
 * fixed element ids and no timestamps, so the same chart gives the same file.
 */
public final class Charts {

  /** The width of the report's charts, in pixels. */
  public static final int WIDTH = 900;

  /** The height of the report's charts, in pixels. */
  public static final int HEIGHT = 560;

  /** The ratio of the largest to the smallest positive value from which an axis is log10: 1000. */
  public static final double LOG_SPAN = 1e3;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Okabe and Ito (2008), "Color universal design", without the yellow that is hard to see on white. */
  private static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x999999),
  };

  private static final String FONT = "SansSerif";

  private Charts() {}

  /**
   * The chart as a PNG image.
   *
   * @param spec what to draw
   * @param width the width in pixels, ≥ 1
   * @param height the height in pixels, ≥ 1
   * @return the PNG file's bytes
   */
  public static byte[] png(ChartSpec spec, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      chart(spec).draw(g, new Rectangle(0, 0, width, height));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The chart as a standalone SVG document.
   *
   * @param spec what to draw
   * @param width the width in pixels, ≥ 1
   * @param height the height in pixels, ≥ 1
   * @return the SVG file's text
   */
  public static String svg(ChartSpec spec, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix("nnx");
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    JFreeChart chart = chart(spec);
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.draw(g, new Rectangle(0, 0, width, height), info);
    String document = g.getSVGDocument();
    int end = document.lastIndexOf("</svg>");
    return document.substring(0, end) + tooltips(spec, chart.getXYPlot(), info.getPlotInfo().getDataArea())
        + document.substring(end);
  }

  /**
   * An invisible circle over every labelled point with an SVG {@code <title>}: what a browser shows
   * when the pointer rests on the point (which trials it stands for, and their values).
   */
  private static String tooltips(ChartSpec spec, XYPlot plot, Rectangle2D area) {
    StringBuilder out = new StringBuilder("<g class=\"nnx-points\" fill=\"#fff\" fill-opacity=\"0\">");
    for (ChartSpec.Series series : spec.series()) {
      for (ChartSpec.Point p : series.points()) {
        if (p.label().isEmpty()) {
          continue;
        }
        double x = plot.getDomainAxis().valueToJava2D(p.x(), area, plot.getDomainAxisEdge());
        double y = plot.getRangeAxis().valueToJava2D(p.y(), area, plot.getRangeAxisEdge());
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
          continue;
        }
        out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\"><title>", x, y))
            .append(HtmlText.escape(p.label())).append("</title></circle>");
      }
    }
    return out.append("</g>").toString();
  }

  /** The JFreeChart chart of {@code spec}. */
  static JFreeChart chart(ChartSpec spec) {
    ValueAxis xAxis = axis(spec.xLabel(), logScale(spec, true) || spec.logX() && positive(spec, true));
    ValueAxis yAxis = axis(spec.yLabel(), logScale(spec, false) || spec.logY() && positive(spec, false));
    XYPlot plot = new XYPlot();
    plot.setDomainAxis(xAxis);
    plot.setRangeAxis(yAxis);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.GRAY);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.setDomainGridlineStroke(new BasicStroke(1f));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    List<ChartSpec.Series> series = spec.series();
    for (int s = 0; s < series.size(); s++) {
      ChartSpec.Series one = series.get(s);
      XYIntervalSeries data = new XYIntervalSeries(one.name(), false, true);
      for (ChartSpec.Point p : one.points()) {
        data.add(p.x(), p.x() - p.xError(), p.x() + p.xError(), p.y(), p.y() - p.yError(), p.y() + p.yError());
      }
      XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
      dataset.addSeries(data);
      plot.setDataset(s, dataset);
      plot.setRenderer(s, renderer(one, s));
      for (ChartSpec.Point p : one.points()) {
        if (p.count() > 1) {
          // coinciding trials: one marker, and how many it stands for beside it
          XYTextAnnotation count = new XYTextAnnotation("  \u00d7" + p.count(), p.x(), p.y());
          count.setFont(new Font(FONT, Font.BOLD, 13));
          count.setPaint(PALETTE[s % PALETTE.length]);
          count.setTextAnchor(TextAnchor.BOTTOM_LEFT);
          plot.addAnnotation(count, false);
        }
      }
    }
    roundTicks(xAxis);
    roundTicks(yAxis);
    JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.BOLD, 20), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(8, 8, 8, 16));
    TextTitle title = new TextTitle(spec.title(), new Font(FONT, Font.BOLD, 20));
    chart.setTitle(title);
    if (!spec.subtitle().isEmpty()) {
      TextTitle subtitle = new TextTitle(spec.subtitle(), new Font(FONT, Font.PLAIN, 14));
      subtitle.setPaint(Color.DARK_GRAY);
      chart.addSubtitle(subtitle);
    }
    if (spec.legend()) {
      LegendTitle legend = new LegendTitle(plot);
      legend.setItemFont(new Font(FONT, Font.PLAIN, 14));
      legend.setFrame(BlockBorder.NONE);
      legend.setBackgroundPaint(Color.WHITE);
      // a long entry (a fit's equation) beside the plot would take its width: below it instead
      boolean longEntry = series.stream().anyMatch(s -> s.name().length() > LEGEND_BESIDE);
      legend.setPosition(longEntry ? RectangleEdge.BOTTOM : RectangleEdge.RIGHT);
      chart.addSubtitle(legend);
    }
    return chart;
  }

  /**
   * Whether the x (or y) values of {@code spec} are drawn on a log10 axis: when they are all
   * positive, error bars included, and span at least {@link #LOG_SPAN} (e.g. a condition number
   * from 1 to 1e12, which a linear axis squeezes into one column).
   */
  static boolean logScale(ChartSpec spec, boolean x) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (ChartSpec.Series series : spec.series()) {
      for (ChartSpec.Point p : series.points()) {
        double v = x ? p.x() : p.y();
        double e = x ? p.xError() : p.yError();
        min = Math.min(min, v - e);
        max = Math.max(max, v + e);
      }
    }
    return min > 0 && max / min >= LOG_SPAN;
  }

  /** Whether every x (or y) value of {@code spec}, error bars included, is positive (drawable on a log axis). */
  static boolean positive(ChartSpec spec, boolean x) {
    for (ChartSpec.Series series : spec.series()) {
      for (ChartSpec.Point p : series.points()) {
        if ((x ? p.x() - p.xError() : p.y() - p.yError()) <= 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** The longest legend entry, in characters, that is placed beside the plot rather than below it. */
  static final int LEGEND_BESIDE = 24;

  /** At most about this many tick intervals on a linear axis. */
  static final int TICKS = 5;

  /**
   * Replaces JFreeChart's tick choice (as many ticks as the labels leave room for) on a linear axis
   * with about {@link #TICKS} intervals of 1, 2, 2.5 or 5 times a power of ten, labelled in the
   * root locale.
   */
  private static void roundTicks(ValueAxis axis) {
    if (!(axis instanceof NumberAxis linear)) {
      return;
    }
    double span = linear.getRange().getLength();
    if (!(span > 0) || !Double.isFinite(span)) {
      return;
    }
    double unit = niceUnit(span, TICKS);
    double largest = Math.max(Math.abs(linear.getLowerBound()), Math.abs(linear.getUpperBound()));
    java.text.DecimalFormatSymbols root = java.text.DecimalFormatSymbols.getInstance(Locale.ROOT);
    java.text.DecimalFormat format;
    if (largest >= 1e6 || largest < 1e-3) {
      format = new java.text.DecimalFormat("0.##E0", root);
    } else {
      int decimals = (int) Math.max(0, Math.ceil(-Math.log10(unit) - 1e-9) + (isTwoAndAHalf(unit) ? 1 : 0));
      format = new java.text.DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals), root);
    }
    linear.setTickUnit(new NumberTickUnit(unit, format), false, true);
  }

  /**
   * The tick interval of 1, 2, 2.5 or 5 times a power of ten that divides {@code span} into the
   * number of intervals closest to {@code intervals} (the smaller interval on a tie).
   */
  static double niceUnit(double span, int intervals) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(span / intervals)));
    double best = magnitude;
    for (double m : new double[] {magnitude / 10, magnitude, magnitude * 10}) {
      for (double f : new double[] {1, 2, 2.5, 5}) {
        double unit = f * m;
        if (Math.abs(span / unit - intervals) < Math.abs(span / best - intervals)) {
          best = unit;
        }
      }
    }
    return best;
  }

  private static boolean isTwoAndAHalf(double unit) {
    double f = unit / Math.pow(10, Math.floor(Math.log10(unit)));
    return Math.abs(f - 2.5) < 1e-9;
  }

  private static ValueAxis axis(String label, boolean log) {
    ValueAxis axis;
    if (log) {
      LogAxis logAxis = new LogAxis(label + " (log scale)");
      logAxis.setBase(10);
      logAxis.setSmallestValue(Double.MIN_NORMAL);
      logAxis.setNumberFormatOverride(new java.text.DecimalFormat("0.#E0"));
      axis = logAxis;
    } else {
      NumberAxis linear = new NumberAxis(label);
      linear.setAutoRangeIncludesZero(false);
      // keep the margin below a minimum of 0 too, so markers and error bars at 0 are not cut off
      linear.setAutoRangeStickyZero(false);
      axis = linear;
    }
    axis.setLabelFont(new Font(FONT, Font.PLAIN, 16));
    axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 14));
    axis.setLabelPaint(Color.BLACK);
    axis.setTickLabelPaint(Color.BLACK);
    return axis;
  }

  private static XYErrorRenderer renderer(ChartSpec.Series series, int index) {
    Color colour = PALETTE[index % PALETTE.length];
    XYErrorRenderer renderer = new XYErrorRenderer();
    boolean lines = series.style() != ChartSpec.Style.POINTS;
    boolean shapes = series.style() != ChartSpec.Style.LINE;
    renderer.setDefaultLinesVisible(lines);
    renderer.setDefaultShapesVisible(shapes);
    renderer.setSeriesLinesVisible(0, lines);
    renderer.setSeriesShapesVisible(0, shapes);
    renderer.setSeriesPaint(0, colour);
    renderer.setSeriesStroke(0, new BasicStroke(series.style() == ChartSpec.Style.LINE ? 2.2f : 1.6f));
    renderer.setSeriesShape(0, shape(index / PALETTE.length + index));
    renderer.setDrawXError(series.points().stream().anyMatch(p -> p.xError() > 0));
    renderer.setDrawYError(series.points().stream().anyMatch(p -> p.yError() > 0));
    renderer.setErrorPaint(colour);
    renderer.setErrorStroke(new BasicStroke(1.2f));
    renderer.setCapLength(6);
    renderer.setLegendLine(new java.awt.geom.Line2D.Double(-10, 0, 10, 0));
    return renderer;
  }

  /** Marker shapes, cycled: circle, square, triangle, diamond. */
  private static Shape shape(int index) {
    double r = 4;
    switch (index % 4) {
      case 1:
        return new Rectangle2D.Double(-r, -r, 2 * r, 2 * r);
      case 2: {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -r * 1.2);
        p.lineTo(r * 1.1, r * 0.9);
        p.lineTo(-r * 1.1, r * 0.9);
        p.closePath();
        return p;
      }
      case 3: {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -r * 1.3);
        p.lineTo(r * 1.3, 0);
        p.lineTo(0, r * 1.3);
        p.lineTo(-r * 1.3, 0);
        p.closePath();
        return p;
      }
      default:
        return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
    }
  }
}
