package com.painpoint.features.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PainpointConfigTest {

  @Test
  void defaultsWhenEmpty() {
    PainpointConfig c = PainpointConfig.parse("c.yaml", "");
    assertThat(c.maxRejectShare()).isEqualTo(0.05);
    assertThat(c.journeys().sessionGapMinutes()).isEqualTo(30);
    assertThat(c.journeys().rageClickCount()).isEqualTo(3);
    assertThat(c.journeys().rageClickWindowMs()).isEqualTo(2000);
    assertThat(c.journeys().loopVisits()).isEqualTo(3);
    assertThat(c.source("crm").sourceName("customer_id")).isEqualTo("customer_id");
  }

  @Test
  void mapsColumnsAndThresholds() {
    PainpointConfig c =
        PainpointConfig.parse(
            "c.yaml",
            """
            max_reject_share: 0.01
            sources:
              crm: {format: csv, columns: {customer_id: CustomerID, monthly_revenue: MRR}}
            journeys: {session_gap_minutes: 20, rage_click_count: 4}
            """);
    assertThat(c.maxRejectShare()).isEqualTo(0.01);
    assertThat(c.source("crm").format()).isEqualTo("csv");
    assertThat(c.source("crm").sourceName("monthly_revenue")).isEqualTo("MRR");
    assertThat(c.source("feedback").format()).isEqualTo("auto");
    assertThat(c.journeys().sessionGapMinutes()).isEqualTo(20);
    assertThat(c.journeys().rageClickCount()).isEqualTo(4);
    assertThat(c.journeys().loopVisits()).isEqualTo(3);
  }

  @Test
  void badValuesNameTheField() {
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "max_reject_share: 5\n"))
        .hasMessage("c.yaml: field 'max_reject_share' must be between 0 and 1, got 5.0");
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "sources: {erp: {}}\n"))
        .hasMessage(
            "c.yaml: field 'sources.erp' unknown field (known: clickstream, crm, feedback)");
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "sources: {crm: {format: xlsx}}\n"))
        .hasMessage(
            "c.yaml: field 'sources.crm.format' must be one of auto, csv, json, parquet; got 'xlsx'");
    assertThatThrownBy(
            () -> PainpointConfig.parse("c.yaml", "journeys: {session_gap_minutes: 0}\n"))
        .hasMessage("c.yaml: field 'journeys.session_gap_minutes' must be > 0, got 0");
  }

  @Test
  void sentimentModelDefaultsToTheEncoderAndTakesATrainedHead() {
    assertThat(PainpointConfig.parse("c.yaml", "").sentiment().model()).isEqualTo("encoder");
    assertThat(PainpointConfig.parse("c.yaml", "").sentiment().modelPath()).isNull();
    PainpointConfig.SentimentOptions own =
        PainpointConfig.parse("c.yaml", "sentiment: {model: Encoder, model_path: ' /m/head '}\n")
            .sentiment();
    assertThat(own.model()).isEqualTo("encoder");
    assertThat(own.modelPath()).isEqualTo("/m/head");
    PainpointConfig.SentimentOptions old =
        PainpointConfig.parse("c.yaml", "sentiment: {model: corenlp, parser: pcfg}\n").sentiment();
    assertThat(old.model()).isEqualTo("corenlp");
    assertThat(old.parser()).isEqualTo("pcfg");
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "sentiment: {model: bert}\n"))
        .hasMessage("c.yaml: field 'sentiment.model' must be encoder or corenlp, got 'bert'");
    assertThatThrownBy(
            () ->
                PainpointConfig.parse(
                    "c.yaml", "sentiment: {model: corenlp, model_path: /m/head}\n"))
        .hasMessage(
            "c.yaml: field 'sentiment.model_path' is a head for the encoder model; model is"
                + " 'corenlp'");
  }

  @Test
  void attributionBySentenceSimilarityIsOptInAndNeedsTheEncoder() {
    PainpointConfig.SentimentOptions d = PainpointConfig.parse("c.yaml", "").sentiment();
    assertThat(d.attribution()).isEqualTo("keywords");
    PainpointConfig.SentimentOptions e =
        PainpointConfig.parse(
                "c.yaml", "sentiment: {attribution: encoder, attribution_margin: 0.1}\n")
            .sentiment();
    assertThat(e.attribution()).isEqualTo("encoder");
    assertThat(e.attributionMargin()).isEqualTo(0.1);
    assertThat(e.attributionMinSimilarity()).isEqualTo(0.5);
    assertThatThrownBy(
            () ->
                PainpointConfig.parse(
                    "c.yaml", "sentiment: {model: corenlp, attribution: encoder}\n"))
        .hasMessage(
            "c.yaml: field 'sentiment.attribution' encoder needs the encoder model (its vectors);"
                + " model is 'corenlp'");
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "sentiment: {attribution: llm}\n"))
        .hasMessage("c.yaml: field 'sentiment.attribution' must be keywords or encoder, got 'llm'");
  }

  @Test
  void themeOptionsParseValidateAndCopyWithAnotherMergeThreshold() {
    ThemeOptions t =
        PainpointConfig.parse("c.yaml", "themes: {merge_similarity: 0.6, max_themes: 5}\n")
            .themes();
    assertThat(t.mergeSimilarity()).isEqualTo(0.6);
    assertThat(t.maxThemes()).isEqualTo(5);
    assertThat(t.word2vecWeight()).isEqualTo(ThemeOptions.DEFAULTS.word2vecWeight());
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "themes: {merge_similarity: 1.2}\n"))
        .hasMessageContaining("merge_similarity")
        .hasMessageContaining("must be in (0, 1), got 1.2");
    // eval-themes' --merge-similarity changes the threshold and nothing else.
    ThemeOptions m = t.withMergeSimilarity(0.65);
    assertThat(m.mergeSimilarity()).isEqualTo(0.65);
    assertThat(m.withMergeSimilarity(0.6)).isEqualTo(t);
  }

  @Test
  void encoderWeightAndThemeCountParseAndAreValidated() {
    ThemeOptions t =
        PainpointConfig.parse("c.yaml", "themes: {encoder_weight: 4.0, theme_count: silhouette}\n")
            .themes();
    assertThat(t.encoderWeight()).isEqualTo(4.0);
    assertThat(t.themeCount()).isEqualTo(ThemeOptions.SILHOUETTE);
    assertThat(ThemeOptions.DEFAULTS.themeCount()).isEqualTo(ThemeOptions.MERGE_SIMILARITY);
    assertThat(
            PainpointConfig.parse("c.yaml", "themes: {theme_count: graph}\n").themes().themeCount())
        .isEqualTo(ThemeOptions.GRAPH);
    assertThat(ThemeOptions.DEFAULTS.graphNeighbours()).isEqualTo(15);
    assertThat(
            PainpointConfig.parse("c.yaml", "themes: {theme_count: graph, graph_neighbours: 40}\n")
                .themes()
                .graphNeighbours())
        .isEqualTo(40);
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "themes: {graph_neighbours: 1}\n"))
        .hasMessageContaining("graph_neighbours")
        .hasMessageContaining("must be between 2 and 200, got 1");
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "themes: {theme_count: elbow}\n"))
        .hasMessageContaining("theme_count")
        .hasMessageContaining("must be one of [silhouette, merge_similarity, graph], got 'elbow'");
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "themes: {encoder_weight: -1}\n"))
        .hasMessageContaining("encoder_weight")
        .hasMessageContaining("must be >= 0, got -1.0");
    ThemeOptions w = t.withWeights(0, 0, 2);
    assertThat(List.of(w.word2vecWeight(), w.pretrainedWeight(), w.encoderWeight()))
        .containsExactly(0.0, 0.0, 2.0);
    assertThat(w.withThemeCount(ThemeOptions.MERGE_SIMILARITY).themeCount())
        .isEqualTo(ThemeOptions.MERGE_SIMILARITY);
  }

  @Test
  void rankingWeightsHaveDefaultsAndAreValidated() {
    RankingOptions d = PainpointConfig.parse("c.yaml", "").ranking();
    assertThat(d).isEqualTo(RankingOptions.DEFAULTS);
    RankingOptions r =
        PainpointConfig.parse("c.yaml", "ranking: {churn_weight: 0.5, min_exposed: 50}\n")
            .ranking();
    assertThat(r.churnWeight()).isEqualTo(0.5);
    assertThat(r.minExposed()).isEqualTo(50);
    assertThat(r.negativityWeight()).isEqualTo(0.25);
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "ranking: {friction_weight: -1}\n"))
        .hasMessage("c.yaml: field 'ranking.friction_weight' must be a number >= 0, got -1.0");
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", "ranking: {churn: 1}\n"))
        .hasMessageContaining("churn");
    assertThatThrownBy(
            () ->
                PainpointConfig.parse(
                    "c.yaml",
                    "ranking: {negativity_weight: 0, friction_weight: 0, churn_weight: 0,"
                        + " revenue_weight: 0}\n"))
        .hasMessageContaining("must not all be 0");
  }

  @Test
  void pathOptionsHaveDefaultsAndAreValidated() {
    assertThat(PainpointConfig.parse("c.yaml", "").paths()).isEqualTo(PathOptions.DEFAULTS);
    assertThat(PathOptions.DEFAULTS).isEqualTo(new PathOptions(2, 200, 42L, 3, 10));
    PathOptions p = PainpointConfig.parse("c.yaml", "paths: {order: 1, replicates: 500}\n").paths();
    assertThat(p).isEqualTo(new PathOptions(1, 500, 42L, 3, 10));
    invalid("paths: {order: 3}\n", "c.yaml: field 'paths.order' must be 1 or 2, got 3");
    invalid(
        "paths: {replicates: 5}\n",
        "c.yaml: field 'paths.replicates' must be between 20 and 10000, got 5");
    invalid(
        "paths: {top_path: 5}\n",
        "c.yaml: field 'paths.top_path' unknown field (known: last_steps, order, replicates, seed,"
            + " top_paths)");
  }

  private static void invalid(String yaml, String message) {
    assertThatThrownBy(() -> PainpointConfig.parse("c.yaml", yaml))
        .isInstanceOf(PainpointException.class)
        .hasMessage(message)
        .extracting(e -> ((PainpointException) e).kind())
        .isEqualTo(PainpointException.Kind.CONFIG);
  }

  @Test
  void anUnknownKeyOrAValueOfTheWrongTypeNamesFileKeyAndValue() {
    invalid(
        "max_reject_share: 0.1\nmaxRejectShare: 0.2\n",
        "c.yaml: field 'maxRejectShare' unknown field (known: churn, journeys, max_reject_share,"
            + " paths, ranking, sentiment, sources, themes)");
    invalid(
        "churn: {gbt: {max_depth: 5}}\n",
        "c.yaml: field 'churn.gbt.max_depth' unknown field (known: max_depths, max_iter,"
            + " step_size, validation_tol)");
    invalid(
        "journeys: {session_gap_minutes: 1.5}\n",
        "c.yaml: field 'journeys.session_gap_minutes' must be a whole number, got '1.5'");
    invalid(
        "max_reject_share: '0.1'\n",
        "c.yaml: field 'max_reject_share' must be a number, got '0.1'");
    invalid("themes: 5\n", "c.yaml: field 'themes' must be a mapping of keys, got '5'");
    invalid(
        "sources: {crm: {columns: {customer_id: [a, b]}}}\n",
        "c.yaml: field 'sources.crm.columns.customer_id' must be text, got a list");
    invalid(
        "churn: {permutation_importance: 'off'}\n",
        "c.yaml: field 'churn.permutation_importance' must be true or false, got 'off'");
    invalid("- a\n", "c.yaml: the top level must be a mapping of keys");
  }

  @Test
  void churnDefaultsAreTheSettingsTheChurnStageHasAlwaysUsed() {
    ChurnOptions d = PainpointConfig.parse("c.yaml", "").churn();
    assertThat(d).isEqualTo(ChurnOptions.DEFAULTS).isEqualTo(PainpointConfig.DEFAULTS.churn());
    assertThat(d.models()).containsExactly("logistic_regression", "gbt");
    assertThat(d.logisticRegression().regParams()).containsExactly(0.0, 0.01, 0.1);
    assertThat(d.logisticRegression().elasticNetParams()).containsExactly(0.0, 0.5);
    assertThat(d.gbt().maxDepths()).containsExactly(4);
    assertThat(d.gbt().maxIter()).isEqualTo(50);
    assertThat(d.gbt().stepSize()).isEqualTo(0.2);
    assertThat(d.permutationImportance()).isTrue();
    // An empty section, or one naming only some keys, keeps the other defaults.
    assertThat(PainpointConfig.parse("c.yaml", "churn:\n").churn()).isEqualTo(d);
    ChurnOptions c =
        PainpointConfig.parse("c.yaml", "churn: {gbt: {max_iter: 100, step_size: 0.1}}\n").churn();
    assertThat(c.gbt()).isEqualTo(new ChurnOptions.GbtOptions(List.of(4), 100, 0.1, 0.0));
    assertThat(c.logisticRegression()).isEqualTo(d.logisticRegression());
    assertThat(c.tries(ChurnOptions.GBT)).isTrue();
  }

  @Test
  void badChurnValuesAreRefusedNamingKeyAndValue() {
    invalid(
        "churn: {models: [xgboost]}\n",
        "c.yaml: field 'churn.models' must hold logistic_regression and/or gbt; got 'xgboost'");
    invalid(
        "churn: {models: []}\n",
        "c.yaml: field 'churn.models' must name at least one of logistic_regression, gbt; got []");
    invalid("churn: {models: [gbt, gbt]}\n", "c.yaml: field 'churn.models' names 'gbt' twice");
    invalid(
        "churn: {logistic_regression: {reg_params: [0.1, -1]}}\n",
        "c.yaml: field 'churn.logistic_regression.reg_params' must hold numbers >= 0; got -1.0");
    invalid(
        "churn: {logistic_regression: {elastic_net_params: [1.5]}}\n",
        "c.yaml: field 'churn.logistic_regression.elastic_net_params' must hold numbers between 0"
            + " and 1; got 1.5");
    invalid(
        "churn: {logistic_regression: {reg_params: []}}\n",
        "c.yaml: field 'churn.logistic_regression.reg_params' must hold at least one value; got []");
    invalid(
        "churn: {gbt: {max_depths: [4, 31]}}\n",
        "c.yaml: field 'churn.gbt.max_depths' must hold whole numbers between 1 and 30; got 31");
    invalid(
        "churn: {gbt: {max_iter: 0}}\n",
        "c.yaml: field 'churn.gbt.max_iter' must be at least 1, got 0");
    invalid(
        "churn: {gbt: {step_size: 1.5}}\n",
        "c.yaml: field 'churn.gbt.step_size' must be in (0, 1], got 1.5");
    invalid(
        "churn: {gbt: {validation_tol: -0.1}}\n",
        "c.yaml: field 'churn.gbt.validation_tol' must be in [0, 1) (0: no early stopping), got"
            + " -0.1");
    invalid(
        "churn: {gbt: {max_iter: 2.5}}\n",
        "c.yaml: field 'churn.gbt.max_iter' must be a whole number, got '2.5'");
  }

  @Test
  void sourceOptionsDefaultToAStandardExportAndParseInOneLine() {
    SourceConfig d = PainpointConfig.parse("c.yaml", "").source("crm");
    assertThat(d).isEqualTo(SourceConfig.AUTO);
    assertThat(d.delimiter()).isEqualTo(",");
    assertThat(d.quote()).isEqualTo("\"");
    assertThat(d.escape()).isEqualTo("\"");
    assertThat(d.encoding()).isEqualTo("UTF-8");
    assertThat(d.decimalComma()).isFalse();
    assertThat(d.timestampUnit()).isNull();
    assertThat(d.csvOptionsSet()).isEmpty();

    PainpointConfig c =
        PainpointConfig.parse(
            "c.yaml",
            """
            sources:
              crm: {delimiter: ';', decimal: ',', encoding: windows-1252}
              clickstream: {timestamp_unit: millis}
              feedback: {delimiter: "\\t", quote: "'", escape: '\\'}
            """);
    SourceConfig crm = c.source("crm");
    assertThat(crm.delimiter()).isEqualTo(";");
    assertThat(crm.decimalComma()).isTrue();
    assertThat(crm.encoding()).isEqualTo("windows-1252");
    assertThat(crm.csvOptionsSet()).containsExactly("delimiter", "encoding");
    assertThat(crm.format()).isEqualTo("auto");
    assertThat(c.source("clickstream").timestampUnit())
        .isEqualTo(SourceConfig.TimestampUnit.MILLIS);
    SourceConfig feedback = c.source("feedback");
    assertThat(feedback.delimiter()).isEqualTo("\t");
    assertThat(feedback.quote()).isEqualTo("'");
    assertThat(feedback.escape()).isEqualTo("\\");
  }

  @Test
  void badSourceOptionsAreRefusedNamingKeyAndValue() {
    invalid(
        "sources: {crm: {encoding: latin-9000}}\n",
        "c.yaml: field 'sources.crm.encoding' must be a character set Java knows (UTF-8,"
            + " windows-1252, ISO-8859-1, …); got 'latin-9000'");
    invalid(
        "sources: {crm: {decimal: ';'}}\n",
        "c.yaml: field 'sources.crm.decimal' must be '.' or ','; got ';'");
    invalid(
        "sources: {crm: {quote: \"''\"}}\n",
        "c.yaml: field 'sources.crm.quote' must be one character, got ''''");
    invalid(
        "sources: {crm: {delimiter: ''}}\n",
        "c.yaml: field 'sources.crm.delimiter' must be one or more characters, not a line break;"
            + " got ''");
    invalid(
        "sources: {crm: {delimiter: '\"'}}\n",
        "c.yaml: field 'sources.crm.delimiter' must differ from quote, got '\"' for both");
    invalid(
        "sources: {clickstream: {timestamp_unit: nanos}}\n",
        "c.yaml: field 'sources.clickstream.timestamp_unit' must be seconds, millis or micros;"
            + " got 'nanos'");
    invalid(
        "sources: {clickstream: {format: parquet, delimiter: ';'}}\n",
        "c.yaml: field 'sources.clickstream.delimiter' applies to CSV sources only, and the format"
            + " is parquet");
    invalid(
        "sources: {crm: {sep: ';'}}\n",
        "c.yaml: field 'sources.crm.sep' unknown field (known: columns, decimal, delimiter,"
            + " encoding, escape, format, quote, timestamp_unit)");
  }
}
