package com.painpoint.jobs.io;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.journeys.FrictionEvidence;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.models.actions.CountermeasureColumns;
import com.painpoint.models.impact.ImpactColumns;
import com.painpoint.models.initiatives.InitiativeEffects;
import com.painpoint.models.paths.PathEffects;
import com.painpoint.models.ranking.RankingColumns;
import com.painpoint.models.sentiment.SentimentColumns;
import com.painpoint.models.themes.ThemeColumns;
import java.util.List;

/**
 * Every dataset a night writes under {@code run_date=D/}: its folder or file name, how it is
 * stored, and the columns the later stages and the report read from it (checked when it is written,
 * so a stage that breaks its output fails at the write, naming the dataset).
 */
public enum RunDataset {
  SESSION_TOUCHPOINTS(
      "session_touchpoints",
      Format.PARQUET,
      ClickstreamSchema.CUSTOMER_ID,
      JourneyColumns.SESSION_KEY,
      JourneyColumns.TOUCHPOINT,
      JourneyColumns.START_TIME,
      JourneyColumns.HAS_FRICTION),
  TOUCHPOINT_FRICTION(
      "touchpoint_friction",
      Format.SMALL_TABLE,
      JourneyColumns.TOUCHPOINT,
      JourneyColumns.FRICTION_RATE,
      JourneyColumns.FRICTION_RANK),
  /** Where each touchpoint's friction happens: failing urls and status codes, slow pages, stops. */
  FRICTION_EVIDENCE(
      "friction_evidence",
      Format.SMALL_TABLE,
      FrictionEvidence.TOUCHPOINT,
      FrictionEvidence.KIND,
      FrictionEvidence.RANK,
      FrictionEvidence.URL),
  CUSTOMER_FRICTION(
      "customer_friction",
      Format.PARQUET,
      ClickstreamSchema.CUSTOMER_ID,
      JourneyColumns.TOUCHPOINT),
  /**
   * Scored sentences before the themes stage adds theme ids; removed when {@link #FEEDBACK_SCORED}
   * is written. No leading underscore: Spark treats such paths as hidden.
   */
  UNTHEMED_FEEDBACK_SCORED(
      "unthemed_feedback_scored",
      Format.PARQUET,
      FeedbackSchema.FEEDBACK_ID,
      SentimentColumns.SENTENCE_INDEX,
      SentimentColumns.SENTENCE,
      SentimentColumns.TOUCHPOINTS,
      SentimentColumns.SCORE),
  FEEDBACK_SCORED(
      "feedback_scored",
      Format.PARQUET,
      FeedbackSchema.FEEDBACK_ID,
      SentimentColumns.SENTENCE_INDEX,
      SentimentColumns.SENTENCE,
      SentimentColumns.TOUCHPOINTS,
      SentimentColumns.SCORE,
      ThemeColumns.THEME_IDS),
  TOUCHPOINT_SENTIMENT(
      "touchpoint_sentiment",
      Format.SMALL_TABLE,
      JourneyColumns.TOUCHPOINT,
      SentimentColumns.NEGATIVITY_RANK),
  PAIN_THEMES(
      "pain_themes",
      Format.PARQUET,
      ThemeColumns.THEME_ID,
      ThemeColumns.TOUCHPOINT,
      ThemeColumns.LABEL,
      ThemeColumns.STATUS),
  CUSTOMER_FEATURES("customer_features", Format.PARQUET, CrmSchema.CUSTOMER_ID, CrmSchema.CHURNED),
  TOUCHPOINT_IMPACT(
      "touchpoint_impact", Format.SMALL_TABLE, ImpactColumns.TOUCHPOINT, ImpactColumns.EVIDENCE),
  /** The fitted MLlib pipeline: commits (or vanishes) with the run. */
  CHURN_MODEL("churn_model", Format.MODEL),
  CUSTOMER_RISK("customer_risk", Format.PARQUET, CrmSchema.CUSTOMER_ID),
  TOUCHPOINT_RANKING(
      "touchpoint_ranking",
      Format.SMALL_TABLE,
      RankingColumns.TOUCHPOINT,
      RankingColumns.RANK,
      RankingColumns.PAIN_SCORE),
  /** Counter-measures: per touchpoint, the playbook's actions that fire, with their evidence. */
  COUNTERMEASURES(
      "countermeasures",
      Format.SMALL_TABLE,
      CountermeasureColumns.TOUCHPOINT,
      CountermeasureColumns.ACTION_RANK,
      CountermeasureColumns.ACTION,
      CountermeasureColumns.OWNER),
  /** Initiatives (only with --initiatives): each one's effect per metric, with its interval. */
  INITIATIVE_EFFECTS(
      "initiative_effects",
      Format.SMALL_TABLE,
      InitiativeEffects.INITIATIVE_ID,
      InitiativeEffects.METRIC,
      InitiativeEffects.EFFECT,
      InitiativeEffects.STATUS),
  /** Paths to churn: each journey state's (and step pair's) removal and net effects. */
  PATH_EFFECTS(
      "path_effects",
      Format.SMALL_TABLE,
      PathEffects.STATE,
      PathEffects.KIND,
      PathEffects.REMOVAL_EFFECT,
      PathEffects.NET_EFFECT,
      PathEffects.CUSTOMERS),
  /** The most common paths into churn: the last steps before the end, ranked by churners. */
  CHURN_PATHS(
      "churn_paths",
      Format.SMALL_TABLE,
      PathEffects.RANK,
      PathEffects.PATH,
      PathEffects.CUSTOMERS,
      PathEffects.CHURNED),
  REPORT_HTML("report.html", Format.TEXT),
  SUMMARY_MD("summary.md", Format.TEXT),
  MANIFEST("manifest.json", Format.TEXT);

  /** How a dataset is stored. */
  public enum Format {
    /** A Parquet folder. */
    PARQUET,
    /** A Parquet folder and one {@code <name>.csv} beside it, for spreadsheets. */
    SMALL_TABLE,
    /** A persisted MLlib model folder. */
    MODEL,
    /** One UTF-8 file. */
    TEXT
  }

  private final String fileName;
  private final Format format;
  private final List<String> keyColumns;

  RunDataset(String fileName, Format format, String... keyColumns) {
    this.fileName = fileName;
    this.format = format;
    this.keyColumns = List.of(keyColumns);
  }

  /** The folder or file name under the run folder (also the dataset's name in the manifest). */
  public String fileName() {
    return fileName;
  }

  public Format format() {
    return format;
  }

  /** Columns the dataset must hold: what later stages, the report and users rely on. */
  public List<String> keyColumns() {
    return keyColumns;
  }
}
