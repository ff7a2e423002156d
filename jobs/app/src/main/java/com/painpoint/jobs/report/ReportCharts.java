package com.painpoint.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBubbleRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The report's charts, drawn by JFreeChart into SVG with JFreeSVG. Every chart carries only
 * touchpoint names (from the taxonomy), kind names and numbers; never customer text. Each SVG gets
 * its own id prefix so several can live in one page, and the output is deterministic.
 */
public final class ReportCharts {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  static final Color INK = new Color(0x1f, 0x2a, 0x37);
  static final Color MUTED = new Color(0x6b, 0x72, 0x80);
  static final Color GRID = new Color(0xe5, 0xe7, 0xeb);
  static final Color EMOTION = new Color(0x25, 0x63, 0xeb);
  static final Color PAIN = new Color(0xdc, 0x26, 0x26, 110);
  static final Color PAIN_SOLID = new Color(0xdc, 0x26, 0x26);
  static final Color[] COMPONENTS = {
    new Color(0x7c, 0x3a, 0xed), new Color(0xf5, 0x9e, 0x0b),
    new Color(0xdc, 0x26, 0x26), new Color(0x05, 0x96, 0x69)
  };
  private static final String FONT = "SansSerif";

  private ReportCharts() {}

  /** A touchpoint on the journey map: mean sentiment (null: no feedback) and revenue at risk. */
  public record JourneyPoint(String touchpoint, Double meanSentiment, double revenueAtRisk) {}

  /** A risk ratio with its interval. */
  public record RiskInterval(String touchpoint, double ratio, double lower, double upper) {}

  /** A touchpoint's weighted pain score components (points out of 100). */
  public record ScoreParts(
      String touchpoint, double negativity, double friction, double churn, double revenue) {}

  /**
   * The journey map: touchpoints in journey order along x, the emotion curve (mean sentiment, -1 to
   * +1) through them, and a pain marker at each touchpoint whose area is its revenue at risk.
   */
  public static String journeyMap(List<JourneyPoint> points) {
    String[] names = points.stream().map(JourneyPoint::touchpoint).toArray(String[]::new);
    XYSeries emotion = new XYSeries("Mean sentiment (emotion curve)");
    double maxRevenue = 0;
    for (int i = 0; i < points.size(); i++) {
      JourneyPoint p = points.get(i);
      if (p.meanSentiment() != null) {
        emotion.add(i, p.meanSentiment());
      }
      maxRevenue = Math.max(maxRevenue, p.revenueAtRisk());
    }
    int bubbles = 0;
    for (JourneyPoint p : points) {
      if (p.revenueAtRisk() > 0) {
        bubbles++;
      }
    }
    double[][] xyz = new double[3][bubbles];
    int j = 0;
    for (int i = 0; i < points.size(); i++) {
      JourneyPoint p = points.get(i);
      if (p.revenueAtRisk() > 0) {
        xyz[0][j] = i;
        xyz[1][j] = p.meanSentiment() == null ? 0 : p.meanSentiment();
        // Diameter in x units, so the marker's area is proportional to the revenue.
        xyz[2][j] = 0.85 * Math.sqrt(p.revenueAtRisk() / maxRevenue);
        j++;
      }
    }
    DefaultXYZDataset pain = new DefaultXYZDataset();
    pain.addSeries("Revenue at risk (marker area)", xyz);

    SymbolAxis x = new SymbolAxis(null, names);
    x.setGridBandsVisible(false);
    x.setRange(-0.6, points.size() - 0.4);
    styleAxis(x);
    NumberAxis y = new NumberAxis("mean sentiment");
    y.setAutoRangeIncludesZero(true);
    y.setRange(-1, 1);
    styleAxis(y);

    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
    line.setSeriesPaint(0, EMOTION);
    line.setSeriesStroke(0, new BasicStroke(2.5f));
    line.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
    XYBubbleRenderer bubble = new XYBubbleRenderer(XYBubbleRenderer.SCALE_ON_DOMAIN_AXIS);
    bubble.setSeriesPaint(0, PAIN);
    bubble.setSeriesOutlinePaint(0, PAIN_SOLID);
    bubble.setDefaultItemLabelGenerator(
        (dataset, series, item) -> revenueLabelAt(points, (int) dataset.getXValue(series, item)));
    bubble.setDefaultItemLabelsVisible(true);
    bubble.setDefaultItemLabelFont(new Font(FONT, Font.BOLD, 11));
    bubble.setDefaultItemLabelPaint(INK);

    XYPlot plot = new XYPlot();
    plot.setDomainAxis(x);
    plot.setRangeAxis(y);
    plot.setDataset(0, new XYSeriesCollection(emotion));
    plot.setRenderer(0, line);
    plot.setDataset(1, pain);
    plot.setRenderer(1, bubble);
    plot.addRangeMarker(marker(0, "neutral"));
    stylePlot(plot);
    plot.setDomainGridlinesVisible(true);
    JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.PLAIN, 12), plot, true);
    styleLegend(chart);
    return svg(chart, "journey", 960, 340);
  }

  private static String revenueLabelAt(List<JourneyPoint> points, int i) {
    return ReportFormat.money(points.get(i).revenueAtRisk());
  }

  /** A forest plot of churn risk ratios with their 95% intervals; 1 means no association. */
  public static String riskRatios(List<RiskInterval> intervals) {
    Comparable<?>[] tps = intervals.stream().map(RiskInterval::touchpoint).toArray(String[]::new);
    Number[][] lo = new Number[1][intervals.size()];
    Number[][] hi = new Number[1][intervals.size()];
    DefaultCategoryDataset points = new DefaultCategoryDataset();
    double max = 2;
    for (int i = 0; i < intervals.size(); i++) {
      RiskInterval r = intervals.get(i);
      lo[0][i] = r.lower();
      hi[0][i] = r.upper();
      points.addValue(r.ratio(), "risk ratio", r.touchpoint());
      max = Math.max(max, r.upper());
    }
    DefaultIntervalCategoryDataset bars =
        new DefaultIntervalCategoryDataset(new Comparable<?>[] {"95% interval"}, tps, lo, hi);
    CategoryAxis cat = new CategoryAxis(null);
    styleAxis(cat);
    NumberAxis value = new NumberAxis("churn risk ratio, exposed vs not (1 = no association)");
    value.setRange(0, Math.ceil(max * 2) / 2);
    styleAxis(value);
    IntervalBarRenderer interval = new IntervalBarRenderer();
    interval.setSeriesPaint(0, new Color(0xfe, 0xca, 0xca));
    interval.setBarPainter(new StandardBarPainter());
    interval.setShadowVisible(false);
    interval.setMaximumBarWidth(0.35);
    LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
    dots.setSeriesPaint(0, PAIN_SOLID);
    dots.setSeriesShape(0, new Rectangle2D.Double(-2, -7, 4, 14));
    dots.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator(
            "{2}", new java.text.DecimalFormat("0.00", ReportFormat.SYMBOLS)));
    dots.setDefaultItemLabelsVisible(true);
    dots.setDefaultItemLabelFont(new Font(FONT, Font.PLAIN, 10));
    dots.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
    CategoryPlot plot = new CategoryPlot();
    plot.setDomainAxis(cat);
    plot.setRangeAxis(value);
    plot.setDataset(0, points);
    plot.setRenderer(0, dots);
    plot.setDataset(1, bars);
    plot.setRenderer(1, interval);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.addRangeMarker(marker(1, "no association"));
    stylePlot(plot);
    JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.PLAIN, 12), plot, true);
    styleLegend(chart);
    return svg(chart, "riskratios", 620, 60 + 34 * Math.max(3, intervals.size()));
  }

  /** A path into churn: its steps, and how many of the customers who took it churned or stayed. */
  public record PathBar(String path, long churned, long stayed) {}

  /**
   * The most common paths into churn as ranked horizontal bars, churned customers in red and those
   * who took the same path and stayed in grey, so a path's churn share reads at a glance.
   */
  public static String churnPaths(List<PathBar> paths) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (PathBar p : paths) {
      d.addValue(p.churned(), "churned", p.path());
      d.addValue(p.stayed(), "took the same path and stayed", p.path());
    }
    CategoryAxis cat = new CategoryAxis(null);
    cat.setMaximumCategoryLabelWidthRatio(0.6f);
    NumberAxis value = new NumberAxis("customers (last steps before the end of their path)");
    value.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return stackedBars(
        d, cat, value, new Color[] {PAIN_SOLID, GRID}, "churnpaths", 960, paths.size());
  }

  /** Stacked bars: each ranked touchpoint's pain score split into its weighted components. */
  public static String scoreComponents(List<ScoreParts> parts) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (ScoreParts p : parts) {
      d.addValue(p.negativity(), "negativity", p.touchpoint());
      d.addValue(p.friction(), "friction", p.touchpoint());
      d.addValue(p.churn(), "churn effect", p.touchpoint());
      d.addValue(p.revenue(), "revenue at risk", p.touchpoint());
    }
    NumberAxis value = new NumberAxis("pain score (0-100), by component");
    value.setRange(0, 100);
    return stackedBars(
        d, new CategoryAxis(null), value, COMPONENTS, "components", 620, parts.size());
  }

  /** Horizontal stacked bars, one series per colour, in the report's style. */
  private static String stackedBars(
      DefaultCategoryDataset d,
      CategoryAxis cat,
      NumberAxis value,
      Color[] colours,
      String id,
      int width,
      int bars) {
    styleAxis(cat);
    styleAxis(value);
    StackedBarRenderer r = new StackedBarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setMaximumBarWidth(0.5);
    for (int i = 0; i < colours.length; i++) {
      r.setSeriesPaint(i, colours[i]);
    }
    CategoryPlot plot = new CategoryPlot(d, cat, value, r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    stylePlot(plot);
    JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.PLAIN, 12), plot, true);
    styleLegend(chart);
    return svg(chart, id, width, 60 + 30 * Math.max(3, bars));
  }

  private static ValueMarker marker(double value, String label) {
    ValueMarker m = new ValueMarker(value);
    m.setPaint(MUTED);
    m.setStroke(
        new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 4f, new float[] {4f}, 0));
    m.setLabel(label);
    m.setLabelFont(new Font(FONT, Font.PLAIN, 10));
    m.setLabelPaint(MUTED);
    m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    return m;
  }

  private static void styleAxis(org.jfree.chart.axis.Axis a) {
    a.setLabelFont(new Font(FONT, Font.PLAIN, 11));
    a.setLabelPaint(MUTED);
    a.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
    a.setTickLabelPaint(INK);
    a.setAxisLinePaint(GRID);
  }

  private static void stylePlot(org.jfree.chart.plot.Plot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    if (plot instanceof XYPlot xy) {
      xy.setRangeGridlinePaint(GRID);
      xy.setDomainGridlinePaint(GRID);
    } else if (plot instanceof CategoryPlot c) {
      c.setRangeGridlinePaint(GRID);
    }
  }

  private static void styleLegend(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(new Font(FONT, Font.PLAIN, 11));
      legend.setItemPaint(INK);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
      legend.setPosition(RectangleEdge.TOP);
    }
  }

  /** Draws the chart into an SVG element that scales to its container (viewBox, no size). */
  static String svg(JFreeChart chart, String id, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    return g.getSVGElement(id, false, new ViewBox(0, 0, width, height), null, null);
  }
}
