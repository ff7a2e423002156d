package com.painpoint.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.jobs.io.RunOutput;
import com.painpoint.jobs.report.ReportBuilder;
import com.painpoint.jobs.report.ReportModel;
import com.painpoint.jobs.report.ReportRenderer;
import com.painpoint.models.ranking.RankingColumns;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The job's report step: reads the run's small tables back from its staging folder, builds the
 * report model with the manifest as it stands, and writes {@code report.html} and {@code
 * summary.md} beside the other outputs, so they commit with the run.
 */
final class ReportRun {
  static final String REPORT_HTML = "report.html";
  static final String SUMMARY_MD = "summary.md";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the report step wrote, for the manifest and the log. */
  record Outcome(ReportModel model, int htmlBytes, int markdownBytes) {}

  private ReportRun() {}

  static Outcome run(
      SparkSession spark,
      Dataset<Row> feedback,
      Dataset<Row> events,
      Taxonomy taxonomy,
      PainpointConfig config,
      LocalDate runDate,
      String manifestSoFar,
      RunOutput out) {
    Map<String, Object> manifest = parse(manifestSoFar);
    ReportModel model =
        ReportBuilder.build(
            new ReportBuilder.Inputs(
                runDate.toString(),
                String.valueOf(manifest.get("generated_at")),
                window(feedback, events),
                taxonomy,
                config.ranking(),
                spark
                    .read()
                    .parquet(out.path(ChurnRankingRun.TOUCHPOINT_RANKING))
                    .orderBy(col(RankingColumns.RANK))
                    .collectAsList(),
                spark.read().parquet(out.path(SentimentRun.TOUCHPOINT_SENTIMENT)).collectAsList(),
                spark.read().parquet(out.path(NightlyJob.TOUCHPOINT_FRICTION)).collectAsList(),
                spark.read().parquet(out.path(ThemeRun.PAIN_THEMES)).collectAsList(),
                manifest));
    String html = ReportRenderer.html(model);
    String md = ReportRenderer.markdown(model);
    out.writeText(REPORT_HTML, html);
    out.writeText(SUMMARY_MD, md);
    return new Outcome(model, html.length(), md.length());
  }

  /** "clickstream 2026-04-02 to 2026-06-30 · feedback 2026-04-01 to 2026-06-30". */
  static String window(Dataset<Row> feedback, Dataset<Row> events) {
    List<String> parts = new ArrayList<>();
    parts.add(span("clickstream", events, ClickstreamSchema.EVENT_TIME));
    parts.add(span("feedback", feedback, FeedbackSchema.CREATED_AT));
    return String.join(" · ", parts);
  }

  private static String span(String name, Dataset<Row> rows, String timeCol) {
    Row r = rows.agg(min(col(timeCol)), max(col(timeCol))).first();
    if (r.isNullAt(0)) {
      return name + " (none)";
    }
    return name + " " + day(r.get(0)) + " to " + day(r.get(1));
  }

  private static String day(Object timestamp) {
    String s = String.valueOf(timestamp);
    return s.length() >= 10 ? s.substring(0, 10) : s;
  }

  private static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest is not valid JSON", e);
    }
  }
}
