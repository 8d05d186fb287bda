package org.nnx.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ChartsTest {

  private static final ChartSpec SPEC = new ChartSpec("test_accuracy vs nn_mass", "by depth · mean ± 1 sd over 3 repeats",
      "nn_mass", "train_time_s (s)",
      List.of(
          new ChartSpec.Series("depth = 16", ChartSpec.Style.POINTS_AND_LINES, List.of(
              new ChartSpec.Point(0, 0, 0.80, 0.02), new ChartSpec.Point(10, 0, 0.85, 0.03),
              new ChartSpec.Point(20, 0, 0.90, 0.01))),
          new ChartSpec.Series("depth = 24", ChartSpec.Style.POINTS_AND_LINES, List.of(
              new ChartSpec.Point(0, 0, 0.70, 0.04), new ChartSpec.Point(15, 0, 0.82, 0.02),
              new ChartSpec.Point(30, 0, 0.88, 0.02)))),
      true);

  @Test
  void pngHasTheRequestedSizeAndShowsEverySeriesColour() throws Exception {
    byte[] png = Charts.png(SPEC, 640, 400);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(400);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertThat(colours.size()).isGreaterThan(20);
    // the first two palette colours: the series themselves were drawn, not just the frame
    assertThat(colours).contains(0x0072B2, 0xD55E00, 0xFFFFFF);
  }

  /** About five round tick intervals, not as many as the labels leave room for. */
  @Test
  void linearAxesHaveFewRoundTicks() {
    org.jfree.chart.plot.XYPlot plot = Charts.chart(SPEC).getXYPlot();
    for (org.jfree.chart.axis.ValueAxis axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
      org.jfree.chart.axis.NumberAxis linear = (org.jfree.chart.axis.NumberAxis) axis;
      double unit = linear.getTickUnit().getSize();
      double intervals = linear.getRange().getLength() / unit;
      assertThat(intervals).isBetween(2.0, 7.0);
      assertThat(linear.isAutoTickUnitSelection()).isFalse();
    }
    // x spans 0..30 with margins: 5 apart gives 6 intervals, 10 apart only 3
    assertThat(((org.jfree.chart.axis.NumberAxis) plot.getDomainAxis()).getTickUnit().getSize()).isEqualTo(5);
    assertThat(Charts.niceUnit(0.065, 5)).isEqualTo(0.01);
    assertThat(Charts.niceUnit(11, 5)).isEqualTo(2);
    assertThat(Charts.niceUnit(12.5, 5)).isEqualTo(2.5);
    assertThat(Charts.niceUnit(2.6e7, 5)).isEqualTo(5e6);
    assertThat(Charts.niceUnit(45, 5)).isEqualTo(10);
  }

  /** A long legend entry (a fit's equation) goes below the plot, short ones beside it. */
  @Test
  void aLongLegendEntryGoesBelowThePlot() {
    ChartSpec fit = new ChartSpec("y vs x", "", "x", "y", List.of(
        new ChartSpec.Series("trials", ChartSpec.Style.POINTS, List.of(ChartSpec.Point.of(1, 2))),
        new ChartSpec.Series("y = 0.0123 x + 0.4567 (R² = 0.91, n = 12)", ChartSpec.Style.LINE,
            List.of(ChartSpec.Point.of(1, 2), ChartSpec.Point.of(2, 3)))), true);
    assertThat(legend(fit).getPosition()).isEqualTo(org.jfree.chart.ui.RectangleEdge.BOTTOM);
    assertThat(legend(SPEC).getPosition()).isEqualTo(org.jfree.chart.ui.RectangleEdge.RIGHT);
  }

  private static org.jfree.chart.title.LegendTitle legend(ChartSpec spec) {
    org.jfree.chart.JFreeChart chart = Charts.chart(spec);
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      if (chart.getSubtitle(i) instanceof org.jfree.chart.title.LegendTitle l) {
        return l;
      }
    }
    throw new AssertionError("no legend");
  }

  @Test
  void aSeriesWithoutPointsStillRenders() throws Exception {
    ChartSpec empty = new ChartSpec("t", "", "x", "y", List.of(new ChartSpec.Series("s", ChartSpec.Style.POINTS,
        List.of())), false);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Charts.png(empty, 200, 100)));
    assertThat(image.getWidth()).isEqualTo(200);
  }

  @Test
  void svgIsWellFormedLabelledAndDeterministic() throws Exception {
    String svg = Charts.svg(SPEC, 640, 400);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    // JFreeSVG writes the SVG 1.1 DOCTYPE; well-formedness needs no DTD (and tests have no network)
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(Double.parseDouble(doc.getDocumentElement().getAttribute("width"))).isEqualTo(640);
    // title, x axis label and legend as text (JFreeChart draws the rotated y label as outlines)
    assertThat(svg).contains(">test_accuracy vs nn_mass<").contains(">nn_mass<").contains(">depth = 24<")
        .contains("rgb(0,114,178)").contains("rgb(213,94,0)");
    assertThat(Charts.svg(SPEC, 640, 400)).isEqualTo(svg);
  }

  @Test
  void valuesSpanningManyDecadesGetALogAxis() throws Exception {
    ChartSpec wide = new ChartSpec("test_accuracy vs ntk_cond", "", "ntk_cond", "test_accuracy",
        List.of(new ChartSpec.Series("trials", ChartSpec.Style.POINTS, List.of(
            new ChartSpec.Point(3, 0, 0.8, 0), new ChartSpec.Point(40, 0, 0.7, 0),
            new ChartSpec.Point(1e12, 0, 0.2, 0)))), false);
    assertThat(Charts.logScale(wide, true)).isTrue();
    assertThat(Charts.logScale(wide, false)).isFalse();
    assertThat(Charts.logScale(SPEC, true)).isFalse(); // includes 0
    assertThat(Charts.svg(wide, 640, 400)).contains(">ntk_cond (log scale)<");
  }
}
