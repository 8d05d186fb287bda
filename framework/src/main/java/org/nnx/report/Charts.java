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
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
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
    chart(spec).draw(g, new Rectangle(0, 0, width, height));
    return g.getSVGDocument();
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
    }
    JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.BOLD, 18), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(8, 8, 8, 16));
    TextTitle title = new TextTitle(spec.title(), new Font(FONT, Font.BOLD, 18));
    chart.setTitle(title);
    if (!spec.subtitle().isEmpty()) {
      TextTitle subtitle = new TextTitle(spec.subtitle(), new Font(FONT, Font.PLAIN, 13));
      subtitle.setPaint(Color.DARK_GRAY);
      chart.addSubtitle(subtitle);
    }
    if (spec.legend()) {
      LegendTitle legend = new LegendTitle(plot);
      legend.setItemFont(new Font(FONT, Font.PLAIN, 13));
      legend.setFrame(BlockBorder.NONE);
      legend.setBackgroundPaint(Color.WHITE);
      legend.setPosition(RectangleEdge.RIGHT);
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
    axis.setLabelFont(new Font(FONT, Font.PLAIN, 14));
    axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 12));
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
