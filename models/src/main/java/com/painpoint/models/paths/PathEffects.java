package com.painpoint.models.paths;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.ClickstreamSchema;
import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.journeys.JourneyColumns;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.models.initiatives.DiffInDiff;
import com.painpoint.models.sentiment.SentimentColumns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import scala.Tuple2;

/**
 * Paths to churn: each customer's journey as an ordered path of states, a first-order Markov chain
 * estimated from the paths' transition counts, and each state's removal effect ({@link
 * AbsorbingChain}) with a 95 % interval from a bootstrap over customers.
 *
 * <p>States, in time order over the night's data: a touchpoint visit ({@code billing}) or a visit
 * with friction ({@code billing:pain}), and a feedback text ({@code feedback}, or {@code
 * feedback:negative} when one of its sentences is negative). Outcome touchpoints (cancellation) are
 * left out: customers meet them because they churn. Repeats of the same state in a row count once.
 * Each path starts in {@value AbsorbingChain#START} and ends in {@value AbsorbingChain#CHURN} when
 * the CRM says the customer churned, else in {@value AbsorbingChain#RETAINED}.
 *
 * <p>The bootstrap never re-reads events: it reweights each customer's transition counts with
 * Poisson(1) weights drawn from a generator seeded by the customer id, summed per transition in one
 * Spark aggregation; every replicate's chain is then solved on the driver.
 */
public final class PathEffects {

  public static final String STATE = "state";
  public static final String FROM = "from_state";
  public static final String TO = "to_state";
  public static final String TRANSITIONS = "transitions";
  public static final String PAIN_SUFFIX = ":pain";
  public static final String FEEDBACK = "feedback";
  public static final String FEEDBACK_NEGATIVE = "feedback:negative";

  private static final String CUSTOMER = "customer_id";
  private static final String TIME = "time";
  private static final String PREVIOUS = "previous";
  private static final String STEP = "step";

  private PathEffects() {}

  /**
   * One state's removal effect.
   *
   * @param painEffect for a pain state ({@code billing:pain}): the churn that would go away if the
   *     step stopped hurting, its transitions redirected to the same touchpoint without pain
   *     ({@link AbsorbingChain#redirectEffect}); null for other states or when the touchpoint never
   *     appears without pain
   * @param customers customers whose path passes the state
   * @param churnShare the share of them who churned
   * @param low lower 95 % bound (2.5th percentile of the bootstrap replicates)
   * @param high upper 95 % bound
   */
  public record StateEffect(
      String state,
      double removalEffect,
      double low,
      double high,
      Double painEffect,
      Double painLow,
      Double painHigh,
      long customers,
      double churnShare)
      implements Serializable {}

  /** The chain's churn probability and every state's removal effect, largest first. */
  public record Result(double churnProbability, List<StateEffect> states, int replicates)
      implements Serializable {}

  /**
   * Each customer's states in time order, repeats in a row collapsed: {@code customer_id, step (1,
   * 2, …), state}, plus the customer's end state as the last step.
   *
   * @param sessions session × touchpoint rows (journeys)
   * @param scored scored sentences (sentiment)
   * @param customers CRM customers with {@code churned}
   */
  public static Dataset<Row> paths(
      Dataset<Row> sessions, Dataset<Row> scored, Dataset<Row> customers, Taxonomy taxonomy) {
    List<String> outcomes =
        taxonomy.touchpoints().stream().filter(t -> t.outcome()).map(t -> t.name()).toList();
    Dataset<Row> visits =
        sessions
            .filter(col(ClickstreamSchema.CUSTOMER_ID).isNotNull())
            .filter(not(col(JourneyColumns.TOUCHPOINT).isin(outcomes.toArray())))
            .select(
                col(ClickstreamSchema.CUSTOMER_ID).as(CUSTOMER),
                col(JourneyColumns.START_TIME).as(TIME),
                when(
                        col(JourneyColumns.HAS_FRICTION),
                        concat(col(JourneyColumns.TOUCHPOINT), lit(PAIN_SUFFIX)))
                    .otherwise(col(JourneyColumns.TOUCHPOINT))
                    .as(STATE));
    Dataset<Row> feedback =
        scored
            .filter(col(FeedbackSchema.CUSTOMER_ID).isNotNull())
            .groupBy(col(FeedbackSchema.FEEDBACK_ID))
            .agg(
                min(col(FeedbackSchema.CUSTOMER_ID)).as(CUSTOMER),
                min(col(FeedbackSchema.CREATED_AT)).as(TIME),
                max(when(
                            col(SentimentColumns.SENTIMENT_CLASS)
                                .geq(0)
                                .and(col(SentimentColumns.SENTIMENT_CLASS).leq(1)),
                            1)
                        .otherwise(0))
                    .as("negative"))
            .select(
                col(CUSTOMER),
                col(TIME),
                when(col("negative").equalTo(1), lit(FEEDBACK_NEGATIVE))
                    .otherwise(lit(FEEDBACK))
                    .as(STATE));
    Dataset<Row> known =
        customers.select(
            col(CrmSchema.CUSTOMER_ID).as(CUSTOMER),
            coalesce(col(CrmSchema.CHURNED), lit(false)).as(CrmSchema.CHURNED));
    WindowSpec inTime = Window.partitionBy(col(CUSTOMER)).orderBy(col(TIME), col(STATE));
    Dataset<Row> collapsed =
        visits
            .unionByName(feedback)
            .join(known.select(CUSTOMER), CUSTOMER)
            .withColumn(PREVIOUS, lag(col(STATE), 1).over(inTime))
            .filter(col(PREVIOUS).isNull().or(col(PREVIOUS).notEqual(col(STATE))))
            .withColumn(STEP, row_number().over(inTime))
            .select(col(CUSTOMER), col(STEP), col(STATE));
    Dataset<Row> ends =
        known
            .join(
                collapsed.groupBy(CUSTOMER).agg(max(col(STEP)).as(STEP)),
                new String[] {CUSTOMER},
                "left")
            .select(
                col(CUSTOMER),
                coalesce(col(STEP), lit(0)).plus(1).as(STEP),
                when(col(CrmSchema.CHURNED), lit(AbsorbingChain.CHURN))
                    .otherwise(lit(AbsorbingChain.RETAINED))
                    .as(STATE));
    return collapsed.unionByName(ends);
  }

  /**
   * Per customer and transition, its count: {@code customer_id, from_state, to_state, transitions}.
   */
  public static Dataset<Row> transitions(Dataset<Row> paths) {
    WindowSpec inOrder = Window.partitionBy(col(CUSTOMER)).orderBy(col(STEP));
    return paths
        .select(
            col(CUSTOMER),
            coalesce(lag(col(STATE), 1).over(inOrder), lit(AbsorbingChain.START)).as(FROM),
            col(STATE).as(TO))
        .groupBy(CUSTOMER, FROM, TO)
        .agg(count(lit(1)).as(TRANSITIONS));
  }

  /**
   * The removal effects with their intervals.
   *
   * @param replicates bootstrap replicates (at least 20)
   * @param seed the bootstrap's seed
   */
  public static Result measure(Dataset<Row> paths, int replicates, long seed) {
    if (replicates < 20) {
      throw new IllegalArgumentException("at least 20 bootstrap replicates, got " + replicates);
    }
    Dataset<Row> perCustomer = transitions(paths).cache();
    try {
      Map<String, Map<String, Long>> full = new LinkedHashMap<>();
      for (Row r :
          perCustomer
              .groupBy(FROM, TO)
              .agg(org.apache.spark.sql.functions.sum(col(TRANSITIONS)).as(TRANSITIONS))
              .orderBy(FROM, TO)
              .collectAsList()) {
        full.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>())
            .put(r.getString(1), r.getLong(2));
      }
      AbsorbingChain chain = AbsorbingChain.fromCounts(full);
      Map<String, Double> effects = chain.removalEffects();

      List<Map<String, Map<String, Double>>> weighted =
          bootstrapCounts(perCustomer, replicates, seed);
      Map<String, double[]> draws = new HashMap<>();
      Map<String, double[]> painDraws = new HashMap<>();
      Map<String, Double> painEffects = new HashMap<>();
      for (String s : effects.keySet()) {
        draws.put(s, new double[replicates]);
        String calm = calm(s);
        if (calm != null && chain.states().contains(calm)) {
          painEffects.put(s, chain.redirectEffect(s, calm));
          painDraws.put(s, new double[replicates]);
        }
      }
      for (int b = 0; b < replicates; b++) {
        AbsorbingChain rep = AbsorbingChain.fromWeights(weighted.get(b));
        for (String s : effects.keySet()) {
          boolean in = rep.states().contains(s);
          draws.get(s)[b] = in ? rep.removalEffect(s) : 0.0;
          if (painDraws.containsKey(s)) {
            painDraws.get(s)[b] =
                in && rep.states().contains(calm(s)) ? rep.redirectEffect(s, calm(s)) : 0.0;
          }
        }
      }

      Map<String, long[]> passing = new HashMap<>();
      Dataset<Row> churned =
          paths.filter(col(STATE).equalTo(AbsorbingChain.CHURN)).select(col(CUSTOMER)).distinct();
      for (Row r :
          paths
              .join(churned.withColumn("is_churned", lit(true)), new String[] {CUSTOMER}, "left")
              .groupBy(STATE)
              .agg(
                  countDistinct(col(CUSTOMER)),
                  countDistinct(when(col("is_churned"), col(CUSTOMER))))
              .collectAsList()) {
        passing.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
      }
      List<StateEffect> out = new ArrayList<>();
      effects.forEach(
          (s, e) -> {
            double[] sorted = draws.get(s).clone();
            Arrays.sort(sorted);
            double[] pain = painDraws.containsKey(s) ? painDraws.get(s).clone() : null;
            if (pain != null) {
              Arrays.sort(pain);
            }
            long[] p = passing.getOrDefault(s, new long[2]);
            out.add(
                new StateEffect(
                    s,
                    e,
                    DiffInDiff.percentile(sorted, 0.025),
                    DiffInDiff.percentile(sorted, 0.975),
                    painEffects.get(s),
                    pain == null ? null : DiffInDiff.percentile(pain, 0.025),
                    pain == null ? null : DiffInDiff.percentile(pain, 0.975),
                    p[0],
                    p[0] == 0 ? 0 : (double) p[1] / p[0]));
          });
      out.sort((a, b) -> Double.compare(b.removalEffect(), a.removalEffect()));
      return new Result(chain.churnProbability(), out, replicates);
    } finally {
      perCustomer.unpersist();
    }
  }

  /** The same touchpoint without pain for a pain state; null for other states. */
  static String calm(String state) {
    return state.endsWith(PAIN_SUFFIX)
        ? state.substring(0, state.length() - PAIN_SUFFIX.length())
        : null;
  }

  /**
   * Per replicate, the transition counts reweighted by each customer's Poisson(1) weight, summed in
   * one aggregation keyed by transition (a double per replicate).
   */
  static List<Map<String, Map<String, Double>>> bootstrapCounts(
      Dataset<Row> perCustomer, int replicates, long seed) {
    // Per partition one array of sums per transition (not one per row); a customer's rows are
    // together (sorted within partitions by customer), so its weights are drawn once.
    JavaPairRDD<Tuple2<String, String>, double[]> summed =
        perCustomer
            .select(col(CUSTOMER), col(FROM), col(TO), col(TRANSITIONS))
            .repartition(col(CUSTOMER))
            .sortWithinPartitions(col(CUSTOMER))
            .javaRDD()
            .mapPartitionsToPair(
                rows -> {
                  Map<Tuple2<String, String>, double[]> sums = new HashMap<>();
                  String current = null;
                  double[] w = new double[replicates];
                  while (rows.hasNext()) {
                    Row r = rows.next();
                    String customer = r.getString(0);
                    if (!customer.equals(current)) {
                      current = customer;
                      SplittableRandom rng =
                          new SplittableRandom(seed ^ (customer.hashCode() * 0x9E3779B97F4A7C15L));
                      for (int k = 0; k < replicates; k++) {
                        w[k] = DiffInDiff.poisson1(rng);
                      }
                    }
                    double n = r.getLong(3);
                    double[] sum =
                        sums.computeIfAbsent(
                            new Tuple2<>(r.getString(1), r.getString(2)),
                            k -> new double[replicates]);
                    for (int k = 0; k < replicates; k++) {
                      sum[k] += w[k] * n;
                    }
                  }
                  List<Tuple2<Tuple2<String, String>, double[]>> out = new ArrayList<>();
                  sums.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
                  return out.iterator();
                })
            .reduceByKey(
                (a, b) -> {
                  double[] s = new double[a.length];
                  for (int i = 0; i < a.length; i++) {
                    s[i] = a[i] + b[i];
                  }
                  return s;
                });
    List<Map<String, Map<String, Double>>> out = new ArrayList<>();
    for (int b = 0; b < replicates; b++) {
      out.add(new LinkedHashMap<>());
    }
    List<Tuple2<Tuple2<String, String>, double[]>> rows = new ArrayList<>(summed.collect());
    rows.sort(
        (x, y) -> {
          int c = x._1()._1().compareTo(y._1()._1());
          return c != 0 ? c : x._1()._2().compareTo(y._1()._2());
        });
    for (Tuple2<Tuple2<String, String>, double[]> t : rows) {
      for (int b = 0; b < replicates; b++) {
        if (t._2()[b] > 0) {
          out.get(b)
              .computeIfAbsent(t._1()._1(), k -> new LinkedHashMap<>())
              .put(t._1()._2(), t._2()[b]);
        }
      }
    }
    return out;
  }

  public static final String PATH = "path";
  public static final String STEPS = "steps";
  public static final String CUSTOMERS = "customers";
  public static final String CHURNED = "churned";
  public static final String CHURN_SHARE = "churn_share";
  public static final String RANK = "rank";

  /**
   * The most common paths into churn: each customer's last {@code lastSteps} states before the end,
   * as one string ({@code billing:pain > feedback:negative > support}); per path the customers who
   * took it, how many churned and their share; the {@code top} paths by churned customers (ties:
   * more customers, then the path), ranked from 1.
   */
  public static Dataset<Row> churnPaths(Dataset<Row> paths, int lastSteps, int top) {
    Column isEnd = col(STATE).isin(AbsorbingChain.CHURN, AbsorbingChain.RETAINED);
    Dataset<Row> ends =
        paths
            .filter(isEnd)
            .select(
                col(CUSTOMER),
                col(STEP).as("end_step"),
                col(STATE).equalTo(AbsorbingChain.CHURN).as(CHURNED));
    Dataset<Row> perCustomer =
        paths
            .filter(not(isEnd))
            .join(ends, CUSTOMER)
            .filter(col(STEP).geq(col("end_step").minus(lastSteps)))
            .groupBy(col(CUSTOMER), col(CHURNED))
            .agg(
                org.apache
                    .spark
                    .sql
                    .functions
                    .expr(
                        "array_join(transform(sort_array(collect_list(struct(step, state))),"
                            + " x -> x.state), ' > ')")
                    .as(PATH),
                count(lit(1)).as(STEPS));
    WindowSpec order = Window.orderBy(col(CHURNED).desc(), col(CUSTOMERS).desc(), col(PATH));
    return perCustomer
        .groupBy(col(PATH), col(STEPS))
        .agg(
            count(lit(1)).as(CUSTOMERS),
            org.apache.spark.sql.functions.sum(when(col(CHURNED), 1L).otherwise(0L)).as(CHURNED))
        .withColumn(CHURN_SHARE, col(CHURNED).divide(col(CUSTOMERS)))
        .filter(col(CHURNED).gt(0))
        .withColumn(RANK, row_number().over(order))
        .filter(col(RANK).leq(top))
        .orderBy(col(RANK));
  }

  public static final String REMOVAL_EFFECT = "removal_effect";
  public static final String REMOVAL_LOW = "removal_low";
  public static final String REMOVAL_HIGH = "removal_high";
  public static final String PAIN_EFFECT = "pain_effect";
  public static final String PAIN_LOW = "pain_low";
  public static final String PAIN_HIGH = "pain_high";
  public static final String CHURN_PROBABILITY = "churn_probability";
  public static final String REPLICATES = "replicates";

  /** The {@code path_effects} table's schema: one row per state. */
  public static org.apache.spark.sql.types.StructType schema() {
    org.apache.spark.sql.types.StructType s =
        new org.apache.spark.sql.types.StructType()
            .add(STATE, org.apache.spark.sql.types.DataTypes.StringType, false);
    for (String c :
        List.of(REMOVAL_EFFECT, REMOVAL_LOW, REMOVAL_HIGH, PAIN_EFFECT, PAIN_LOW, PAIN_HIGH)) {
      s = s.add(c, org.apache.spark.sql.types.DataTypes.DoubleType, true);
    }
    return s.add(CUSTOMERS, org.apache.spark.sql.types.DataTypes.LongType, false)
        .add(CHURN_SHARE, org.apache.spark.sql.types.DataTypes.DoubleType, false)
        .add(CHURN_PROBABILITY, org.apache.spark.sql.types.DataTypes.DoubleType, false)
        .add(REPLICATES, org.apache.spark.sql.types.DataTypes.IntegerType, false);
  }

  /** The result as rows of {@link #schema()}, largest removal effect first. */
  public static List<Row> rows(Result result) {
    List<Row> out = new ArrayList<>();
    for (StateEffect e : result.states()) {
      out.add(
          org.apache.spark.sql.RowFactory.create(
              e.state(),
              e.removalEffect(),
              e.low(),
              e.high(),
              e.painEffect(),
              e.painLow(),
              e.painHigh(),
              e.customers(),
              e.churnShare(),
              result.churnProbability(),
              result.replicates()));
    }
    return out;
  }
}
