package com.painpoint.models.ranking;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.RankingOptions;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.spark.GlobalOrder;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import com.painpoint.models.impact.ImpactColumns;
import com.painpoint.models.themes.ThemeColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Ranks the non-outcome touchpoints by a 0-100 pain score: the weighted mean of four components,
 * each scaled to [0, 1] by the night's largest value among ranked touchpoints: negativity (the
 * negative sentence share reweighted to the CRM segment mix), friction (friction session rate),
 * churn effect (lower bound of the MH risk ratio minus 1, at least 0) and revenue at risk (lower
 * bound of the excess churned revenue). Using lower bounds means a touchpoint only scores for churn
 * what the data is sure of; a ratio with too few exposed customers scores nothing.
 */
public final class TouchpointRanking {
  /** Prefix of the columns that hold each component's largest value over all touchpoints. */
  private static final String TOP = "_top_";

  private static final String NEG_RAW = "_neg";
  private static final String FRICTION_RAW = "_friction";

  private TouchpointRanking() {}

  /**
   * @param impact the touchpoint impact table ({@code TouchpointImpact.table}); its {@code any}
   *     evidence rows are used
   * @param negativity {@code SegmentNegativity.table}
   * @param friction the journeys stage's {@code touchpoint_friction}
   * @param themes {@code pain_themes}
   * @return one row per non-outcome taxonomy touchpoint, best rank (most pain) first
   */
  public static Dataset<Row> table(
      Dataset<Row> impact,
      Dataset<Row> negativity,
      Dataset<Row> friction,
      Dataset<Row> themes,
      Taxonomy taxonomy,
      RankingOptions options) {
    StructType schema =
        new StructType()
            .add(RankingColumns.TOUCHPOINT, DataTypes.StringType, false)
            .add(RankingColumns.POSITION, DataTypes.IntegerType, false)
            .add(RankingColumns.OWNER, DataTypes.StringType, true);
    List<Row> rows = new ArrayList<>();
    for (Touchpoint t : taxonomy.inJourneyOrder()) {
      if (!t.outcome()) {
        rows.add(RowFactory.create(t.name(), t.position(), t.owner()));
      }
    }
    Dataset<Row> base = impact.sparkSession().createDataFrame(rows, schema);
    Dataset<Row> joined =
        base.join(
                friction.select(
                    col(JourneyColumns.TOUCHPOINT),
                    col(JourneyColumns.SESSIONS),
                    col(JourneyColumns.FRICTION_SESSIONS),
                    col(JourneyColumns.FRICTION_RATE)),
                RankingColumns.TOUCHPOINT,
                "left")
            .join(
                negativity.select(
                    col(ImpactColumns.TOUCHPOINT),
                    col(ImpactColumns.SENTENCES),
                    col(ImpactColumns.NEGATIVE_SENTENCES),
                    col(ImpactColumns.NEGATIVE_SHARE),
                    col(ImpactColumns.NEGATIVE_SHARE_REWEIGHTED)),
                RankingColumns.TOUCHPOINT,
                "left")
            .join(
                impact
                    .filter(col(ImpactColumns.EVIDENCE).equalTo(ImpactColumns.ANY))
                    .select(
                        col(ImpactColumns.TOUCHPOINT),
                        col(ImpactColumns.EXPOSED_CUSTOMERS),
                        col(ImpactColumns.EXPOSED_CHURNED),
                        col(ImpactColumns.BASELINE_CUSTOMERS),
                        col(ImpactColumns.BASELINE_CHURNED),
                        col(ImpactColumns.CRUDE_RR),
                        col(ImpactColumns.MH_RR),
                        col(ImpactColumns.MH_RR_LOWER),
                        col(ImpactColumns.MH_RR_UPPER),
                        col(ImpactColumns.EXCESS_CHURNED_REVENUE),
                        col(ImpactColumns.EXCESS_CHURNED_REVENUE_LOWER),
                        col(ImpactColumns.EXCESS_CHURNED_REVENUE_UPPER),
                        col(ImpactColumns.ENOUGH_EXPOSED)),
                RankingColumns.TOUCHPOINT,
                "left")
            .join(topThemes(themes, options.topThemes()), RankingColumns.TOUCHPOINT, "left");

    Column enough = coalesce(col(ImpactColumns.ENOUGH_EXPOSED), lit(false));
    Dataset<Row> raw =
        joined
            .withColumn(
                NEG_RAW,
                coalesce(
                    col(ImpactColumns.NEGATIVE_SHARE_REWEIGHTED),
                    col(ImpactColumns.NEGATIVE_SHARE),
                    lit(0.0)))
            .withColumn(FRICTION_RAW, coalesce(col(JourneyColumns.FRICTION_RATE), lit(0.0)))
            .withColumn(
                RankingColumns.CHURN_EFFECT_LOWER,
                when(
                        enough,
                        greatest(
                            coalesce(col(ImpactColumns.MH_RR_LOWER), lit(1.0)).minus(1.0),
                            lit(0.0)))
                    .otherwise(lit(0.0)))
            .withColumn(
                RankingColumns.REVENUE_AT_RISK_LOWER,
                when(enough, coalesce(col(ImpactColumns.EXCESS_CHURNED_REVENUE_LOWER), lit(0.0)))
                    .otherwise(lit(0.0)));
    // Each component is scaled by its largest value over all touchpoints: one aggregate row,
    // joined to every touchpoint.
    List<String> components =
        List.of(
            NEG_RAW,
            FRICTION_RAW,
            RankingColumns.CHURN_EFFECT_LOWER,
            RankingColumns.REVENUE_AT_RISK_LOWER);
    Dataset<Row> tops =
        raw.agg(
            max(col(NEG_RAW)).as(TOP + NEG_RAW),
            components.stream().skip(1).map(c -> max(col(c)).as(TOP + c)).toArray(Column[]::new));
    Dataset<Row> scored =
        raw.crossJoin(broadcast(tops))
            .withColumn(RankingColumns.NEGATIVITY_COMPONENT, scaled(NEG_RAW))
            .withColumn(RankingColumns.FRICTION_COMPONENT, scaled(FRICTION_RAW))
            .withColumn(RankingColumns.CHURN_COMPONENT, scaled(RankingColumns.CHURN_EFFECT_LOWER))
            .withColumn(
                RankingColumns.REVENUE_COMPONENT, scaled(RankingColumns.REVENUE_AT_RISK_LOWER));
    Column score =
        col(RankingColumns.NEGATIVITY_COMPONENT)
            .multiply(options.negativityWeight())
            .plus(col(RankingColumns.FRICTION_COMPONENT).multiply(options.frictionWeight()))
            .plus(col(RankingColumns.CHURN_COMPONENT).multiply(options.churnWeight()))
            .plus(col(RankingColumns.REVENUE_COMPONENT).multiply(options.revenueWeight()))
            .multiply(100.0 / options.totalWeight());
    Dataset<Row> ranked =
        GlobalOrder.rowNumber(
                scored.withColumn(RankingColumns.PAIN_SCORE, score),
                RankingColumns.RANK,
                col(RankingColumns.PAIN_SCORE).desc(),
                col(RankingColumns.POSITION),
                col(RankingColumns.TOUCHPOINT))
            .withColumn(RankingColumns.RANK, col(RankingColumns.RANK).cast(DataTypes.IntegerType));
    return ranked
        .select(
            col(RankingColumns.RANK),
            col(RankingColumns.TOUCHPOINT),
            col(RankingColumns.OWNER),
            col(RankingColumns.POSITION),
            col(RankingColumns.PAIN_SCORE),
            col(RankingColumns.NEGATIVITY_COMPONENT),
            col(RankingColumns.FRICTION_COMPONENT),
            col(RankingColumns.CHURN_COMPONENT),
            col(RankingColumns.REVENUE_COMPONENT),
            col(NEG_RAW).as(RankingColumns.NEGATIVE_SHARE_USED),
            col(ImpactColumns.NEGATIVE_SHARE),
            coalesce(col(ImpactColumns.SENTENCES), lit(0L)).as(ImpactColumns.SENTENCES),
            coalesce(col(ImpactColumns.NEGATIVE_SENTENCES), lit(0L))
                .as(ImpactColumns.NEGATIVE_SENTENCES),
            col(FRICTION_RAW).as(JourneyColumns.FRICTION_RATE),
            coalesce(col(JourneyColumns.SESSIONS), lit(0L)).as(JourneyColumns.SESSIONS),
            coalesce(col(JourneyColumns.FRICTION_SESSIONS), lit(0L))
                .as(JourneyColumns.FRICTION_SESSIONS),
            col(RankingColumns.CHURN_EFFECT_LOWER),
            col(ImpactColumns.MH_RR),
            col(ImpactColumns.MH_RR_LOWER),
            col(ImpactColumns.MH_RR_UPPER),
            col(ImpactColumns.CRUDE_RR),
            col(ImpactColumns.EXPOSED_CUSTOMERS),
            col(ImpactColumns.EXPOSED_CHURNED),
            col(ImpactColumns.BASELINE_CUSTOMERS),
            col(ImpactColumns.BASELINE_CHURNED),
            enough.as(ImpactColumns.ENOUGH_EXPOSED),
            col(RankingColumns.REVENUE_AT_RISK_LOWER),
            col(ImpactColumns.EXCESS_CHURNED_REVENUE),
            col(ImpactColumns.EXCESS_CHURNED_REVENUE_LOWER),
            col(ImpactColumns.EXCESS_CHURNED_REVENUE_UPPER),
            coalesce(col(RankingColumns.TOP_THEMES), lit("")).as(RankingColumns.TOP_THEMES))
        .orderBy(col(RankingColumns.RANK));
  }

  /** value / the largest value over all touchpoints (column {@code TOP + name}); 0 when it is 0. */
  private static Column scaled(String name) {
    Column top = col(TOP + name);
    return when(top.gt(0), col(name).divide(top)).otherwise(lit(0.0));
  }

  /** Per touchpoint, the labels of its {@code n} largest non-other themes, "; "-joined. */
  static Dataset<Row> topThemes(Dataset<Row> themes, int n) {
    String order = "_order";
    Dataset<Row> ordered =
        themes
            .filter(col(ThemeColumns.IS_OTHER).equalTo(false))
            .withColumn(
                order,
                row_number()
                    .over(
                        Window.partitionBy(col(ThemeColumns.TOUCHPOINT))
                            .orderBy(col(ThemeColumns.SIZE).desc(), col(ThemeColumns.THEME_ID))))
            .filter(col(order).leq(n));
    return ordered
        .groupBy(col(ThemeColumns.TOUCHPOINT))
        .agg(
            array_join(
                    transform(
                        sort_array(collect_list(struct(col(order), col(ThemeColumns.LABEL)))),
                        s -> s.getField(ThemeColumns.LABEL)),
                    "; ")
                .as(RankingColumns.TOP_THEMES));
  }

  /**
   * Adds {@link RankingColumns#PREVIOUS_RANK}, {@link RankingColumns#RANK_CHANGE} (previous rank
   * minus rank: positive means the touchpoint moved up) and {@link RankingColumns#SCORE_DELTA}; all
   * null without a previous ranking or for a touchpoint it did not rank.
   *
   * @param previous the newest earlier run's {@code touchpoint_ranking}, or null
   */
  public static Dataset<Row> withChange(Dataset<Row> current, Dataset<Row> previous) {
    String prevScore = "_previous_score";
    Dataset<Row> prev =
        previous == null
            ? current
                .sparkSession()
                .createDataFrame(
                    List.of(),
                    new StructType()
                        .add(RankingColumns.TOUCHPOINT, DataTypes.StringType)
                        .add(RankingColumns.PREVIOUS_RANK, DataTypes.IntegerType)
                        .add(prevScore, DataTypes.DoubleType))
            : previous.select(
                col(RankingColumns.TOUCHPOINT),
                col(RankingColumns.RANK)
                    .cast(DataTypes.IntegerType)
                    .as(RankingColumns.PREVIOUS_RANK),
                col(RankingColumns.PAIN_SCORE).as(prevScore));
    return current
        .join(prev, RankingColumns.TOUCHPOINT, "left")
        .withColumn(
            RankingColumns.RANK_CHANGE,
            col(RankingColumns.PREVIOUS_RANK)
                .minus(col(RankingColumns.RANK))
                .cast(DataTypes.IntegerType))
        .withColumn(
            RankingColumns.SCORE_DELTA, col(RankingColumns.PAIN_SCORE).minus(col(prevScore)))
        .drop(prevScore)
        .select(reordered(current.columns()))
        .orderBy(col(RankingColumns.RANK));
  }

  private static Column[] reordered(String[] currentColumns) {
    List<Column> out = new ArrayList<>();
    for (String c : currentColumns) {
      out.add(col(c));
      if (c.equals(RankingColumns.PAIN_SCORE)) {
        out.add(col(RankingColumns.PREVIOUS_RANK));
        out.add(col(RankingColumns.RANK_CHANGE));
        out.add(col(RankingColumns.SCORE_DELTA));
      }
    }
    return out.toArray(Column[]::new);
  }
}
