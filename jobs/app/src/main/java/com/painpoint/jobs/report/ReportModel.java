package com.painpoint.jobs.report;

import java.util.List;

/**
 * Everything the leadership report shows, already formatted for reading. Built by {@link
 * ReportBuilder} from a run's small tables and manifest, rendered by {@link ReportRenderer}. Text
 * that came from customers (theme labels, quotes) is held as plain strings; the renderer escapes
 * every value, so nothing here is trusted markup except the chart SVGs the report draws itself.
 */
public record ReportModel(
    String runDate,
    String generatedAt,
    String window,
    Quality quality,
    Headline headline,
    List<Stop> journey,
    List<Ranked> ranking,
    List<Card> cards,
    List<Team> teams,
    List<TeamActions> teamActions,
    List<InitiativeView> initiatives,
    Paths paths,
    Method method,
    Charts charts) {

  /** The data-quality badge: {@code good}, {@code fair} or {@code poor}, and why. */
  public record Quality(String level, String summary, List<SourceRow> sources) {}

  /** One input source's counts. */
  public record SourceRow(
      String source, String rowsRead, String accepted, String rejected, String reasons) {}

  /** The top pain points and the revenue they put at risk. */
  public record Headline(
      List<TopPain> top,
      String revenueAtRisk,
      String revenueInterval,
      String revenueNote,
      String comparedWith) {}

  /** One of the headline's top pain points. */
  public record TopPain(
      int rank,
      String touchpoint,
      String owner,
      String painScore,
      String riskRatio,
      String revenue,
      String mainTheme) {}

  /** A touchpoint on the journey map, in journey order. */
  public record Stop(
      int position,
      String touchpoint,
      String owner,
      boolean outcome,
      String meanSentiment,
      String rank,
      String revenue) {}

  /** A row of the ranked table. */
  public record Ranked(
      int rank,
      String touchpoint,
      String owner,
      String painScore,
      String riskRatio,
      boolean enoughExposed,
      String revenue,
      String evidence,
      String trend,
      String trendClass) {}

  /** The card of one of the top touchpoints. */
  public record Card(
      int rank,
      String touchpoint,
      String owner,
      String painScore,
      String summary,
      List<ThemeView> themes,
      String generalSentences,
      String otherSentences,
      List<FrictionKind> friction,
      List<ThemeView> emerging,
      String emergingNote,
      List<ActionView> actions) {}

  /**
   * A counter-measure: the playbook's action, the team that owns it and the evidence behind it
   * (customer quotes inside are redacted text, escaped by the templates).
   */
  public record ActionView(
      int painRank, String touchpoint, String action, String owner, String evidence) {}

  /** One team's actions, in pain-rank order: "what finance should do this week". */
  public record TeamActions(String team, List<ActionView> actions) {}

  /**
   * A declared initiative and what the night measured: the verdict ({@code worked}, {@code no
   * measurable effect}, {@code too little data}) and one finding per metric in words.
   */
  public record InitiativeView(
      String id,
      String touchpoint,
      String owner,
      String start,
      String description,
      String windows,
      String verdict,
      String verdictClass,
      List<String> findings) {}

  /**
   * Paths to churn: the chain's churn probability, the steps with the largest net effects, and the
   * most common paths into churn (also drawn as {@link Charts#churnPaths}).
   *
   * @param lead one sentence: the step with the largest net effect, or that none stands out
   */
  public record Paths(String chain, String lead, List<PathStep> steps, List<ChurnPath> topPaths) {}

  /**
   * A journey step's effects: net effect and removal effect with their 95 % intervals, in
   * percentage points of the chain's churn.
   */
  public record PathStep(
      String state,
      String kind,
      String netEffect,
      String netInterval,
      String removalEffect,
      String customers,
      String churnShare,
      String netClass) {}

  /** One of the most common paths into churn. */
  public record ChurnPath(
      int rank, String path, String customers, String churned, String churnShare) {}

  /** A pain theme as the report shows it. */
  public record ThemeView(
      String label,
      long size,
      String share,
      String status,
      String meanSentiment,
      long customers,
      List<String> quotes) {}

  /** The share of a touchpoint's sessions with one kind of friction. */
  public record FrictionKind(String kind, String rate) {}

  /** What one owner team owns among the pain points. */
  public record Team(
      String team, List<String> touchpoints, String revenue, String topThemes, String score) {}

  /** How the numbers were made, and the run's figures that back them. */
  public record Method(
      String sentimentModel,
      String scoreAgreement,
      String model,
      String rocAuc,
      String prAuc,
      String brier,
      String testCustomers,
      String calibration,
      String weights,
      String minExposed,
      String configHash,
      String versions) {}

  /** The charts, as inline SVG drawn by JFreeChart (trusted: no customer text inside). */
  public record Charts(
      String journeyMap, String riskRatios, String scoreComponents, String churnPaths) {}
}
