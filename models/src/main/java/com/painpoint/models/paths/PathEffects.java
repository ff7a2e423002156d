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
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Paths to churn: each customer's journey as an ordered path of states, a Markov chain of order 1
 * or 2 estimated from the paths' transition counts, and each state's removal and net effects
 * ({@link AbsorbingChain}) with 95 % intervals from a bootstrap over customers.
 *
 * <p>States, in time order over the night's data: a touchpoint visit ({@code billing}) or a visit
 * with friction ({@code billing:pain}), and a feedback text ({@code feedback}, or {@code
 * feedback:negative} when one of its sentences is negative). Outcome touchpoints (cancellation) are
 * left out: customers meet them because they churn. Repeats of the same state in a row count once.
 * Each path starts in {@value AbsorbingChain#START} and ends in {@value AbsorbingChain#CHURN} when
 * the CRM says the customer churned, else in {@value AbsorbingChain#RETAINED}. In a second-order
 * chain a state is a step with the one before it ({@code billing:pain > support}).
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

  /** A row of {@code path_effects}: a journey state, or (order 2) a step after another. */
  public static final String KIND_STATE = "state";

  public static final String KIND_PAIR = "step pair";
  public static final String PAIR_SEPARATOR = " > ";

  /**
   * One state's effects.
   *
   * @param kind {@value #KIND_STATE} (removing it removes every chain state it is the current step
   *     of) or {@value #KIND_PAIR} ({@code billing:pain > support}: that step right after the
   *     other)
   * @param removalEffect the relative drop in the probability of reaching churn when the state is
   *     removed (its transitions go to {@code (null)}), with its 95 % interval
   * @param netEffect the removal effect minus the relative drop in the probability of being
   *     retained when its paths are cut off ({@link AbsorbingChain.Removal}): near zero for a step
   *     that many paths pass but that changes nothing, with its 95 % interval
   * @param painEffect for a pain state in a first-order chain ({@code billing:pain}): the churn
   *     that would go away if the step stopped hurting, its transitions redirected to the same
   *     touchpoint without pain ({@link AbsorbingChain#redirectEffect}); null otherwise
   * @param customers customers whose path passes the state
   * @param churnShare the share of them who churned
   */
  public record StateEffect(
      String state,
      String kind,
      double removalEffect,
      double low,
      double high,
      double netEffect,
      double netLow,
      double netHigh,
      Double painEffect,
      Double painLow,
      Double painHigh,
      long customers,
      double churnShare)
      implements Serializable {}

  /** The chain's churn probability and every state's effects, largest net effect first. */
  public record Result(double churnProbability, int order, List<StateEffect> states, int replicates)
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
   * Per customer and transition of the chain of {@code order} (1 or 2), its count: {@code
   * customer_id, from_state, to_state, transitions}. In a second-order chain a state is a step with
   * the one before it ({@code billing:pain > support}; the first step follows {@code (start)}), so
   * the chain remembers where a customer came from.
   */
  public static Dataset<Row> transitions(Dataset<Row> paths, int order) {
    checkOrder(order);
    WindowSpec inOrder = Window.partitionBy(col(CUSTOMER)).orderBy(col(STEP));
    Column p1 = lag(col(STATE), 1).over(inOrder);
    Column p2 = lag(col(STATE), 2).over(inOrder);
    Column start = lit(AbsorbingChain.START);
    Column isEnd = col(STATE).isin(AbsorbingChain.CHURN, AbsorbingChain.RETAINED);
    Column from;
    Column to;
    if (order == 1) {
      from = coalesce(p1, start);
      to = col(STATE);
    } else {
      from =
          when(p1.isNull(), start).otherwise(concat(coalesce(p2, start), lit(PAIR_SEPARATOR), p1));
      to =
          when(isEnd, col(STATE))
              .otherwise(concat(coalesce(p1, start), lit(PAIR_SEPARATOR), col(STATE)));
    }
    return paths
        .select(col(CUSTOMER), from.as(FROM), to.as(TO))
        .groupBy(CUSTOMER, FROM, TO)
        .agg(count(lit(1)).as(TRANSITIONS));
  }

  private static void checkOrder(int order) {
    if (order < 1 || order > 2) {
      throw new IllegalArgumentException("the chain's order is 1 or 2, got " + order);
    }
  }

  /** The journey state a chain state ends in: itself (order 1), the part after the last " > ". */
  static String current(String chainState) {
    int i = chainState.lastIndexOf(PAIR_SEPARATOR);
    return i < 0 ? chainState : chainState.substring(i + PAIR_SEPARATOR.length());
  }

  /**
   * Every state's effects with their intervals.
   *
   * @param order the chain's order, 1 or 2
   * @param replicates bootstrap replicates (at least 20)
   * @param seed the bootstrap's seed
   */
  public static Result measure(Dataset<Row> paths, int order, int replicates, long seed) {
    checkOrder(order);
    if (replicates < 20) {
      throw new IllegalArgumentException("at least 20 bootstrap replicates, got " + replicates);
    }
    Dataset<Row> perCustomer = transitions(paths, order).cache();
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
      // What each row removes: a journey state removes every chain state it is the current step
      // of; in a second-order chain, a step pair is one chain state.
      Map<String, String> kinds = new LinkedHashMap<>();
      Map<String, List<String>> removes = new LinkedHashMap<>();
      for (String c : chain.states().subList(1, chain.states().size())) {
        String s = current(c);
        kinds.put(s, KIND_STATE);
        removes.computeIfAbsent(s, k -> new ArrayList<>()).add(c);
      }
      if (order == 2) {
        for (String c : chain.states().subList(1, chain.states().size())) {
          if (!c.startsWith(AbsorbingChain.START)) {
            kinds.put(c, KIND_PAIR);
            removes.put(c, List.of(c));
          }
        }
      }
      Map<String, AbsorbingChain.Removal> point = new LinkedHashMap<>();
      Map<String, Double> painEffects = new HashMap<>();
      removes.forEach((s, set) -> point.put(s, chain.removal(set)));
      if (order == 1) {
        for (String s : removes.keySet()) {
          String calm = calm(s);
          if (calm != null && chain.states().contains(calm)) {
            painEffects.put(s, chain.redirectEffect(s, calm));
          }
        }
      }

      List<Map<String, Map<String, Double>>> weighted =
          bootstrapCounts(perCustomer, replicates, seed);
      Map<String, double[][]> draws = new HashMap<>();
      for (String s : removes.keySet()) {
        draws.put(s, new double[3][replicates]);
      }
      for (int b = 0; b < replicates; b++) {
        AbsorbingChain rep = AbsorbingChain.fromWeights(weighted.get(b));
        for (Map.Entry<String, List<String>> e : removes.entrySet()) {
          List<String> present = e.getValue().stream().filter(rep.states()::contains).toList();
          double[][] d = draws.get(e.getKey());
          if (!present.isEmpty()) {
            AbsorbingChain.Removal m = rep.removal(present);
            d[0][b] = m.removalEffect();
            d[1][b] = m.netEffect();
          }
          String calm = calm(e.getKey());
          if (painEffects.containsKey(e.getKey())
              && !present.isEmpty()
              && rep.states().contains(calm)) {
            d[2][b] = rep.redirectEffect(e.getKey(), calm);
          }
        }
      }

      Map<String, long[]> passing = passing(paths, perCustomer, order);
      List<StateEffect> out = new ArrayList<>();
      point.forEach(
          (s, e) -> {
            double[][] d = draws.get(s);
            for (double[] x : d) {
              Arrays.sort(x);
            }
            boolean pain = painEffects.containsKey(s);
            long[] p = passing.getOrDefault(s, new long[2]);
            out.add(
                new StateEffect(
                    s,
                    kinds.get(s),
                    e.removalEffect(),
                    DiffInDiff.percentile(d[0], 0.025),
                    DiffInDiff.percentile(d[0], 0.975),
                    e.netEffect(),
                    DiffInDiff.percentile(d[1], 0.025),
                    DiffInDiff.percentile(d[1], 0.975),
                    painEffects.get(s),
                    pain ? DiffInDiff.percentile(d[2], 0.025) : null,
                    pain ? DiffInDiff.percentile(d[2], 0.975) : null,
                    p[0],
                    p[0] == 0 ? 0 : (double) p[1] / p[0]));
          });
      out.sort(
          (x, y) ->
              x.netEffect() != y.netEffect()
                  ? Double.compare(y.netEffect(), x.netEffect())
                  : x.state().compareTo(y.state()));
      return new Result(chain.churnProbability(), order, out, replicates);
    } finally {
      perCustomer.unpersist();
    }
  }

  /**
   * Per journey state (and, order 2, per step pair) the customers whose path passes it and how many
   * of them churned, in one aggregation over the chain's transitions.
   */
  private static Map<String, long[]> passing(
      Dataset<Row> paths, Dataset<Row> perCustomer, int order) {
    Dataset<Row> churned =
        paths
            .filter(col(STATE).equalTo(AbsorbingChain.CHURN))
            .select(col(CUSTOMER))
            .withColumn("is_churned", lit(true));
    Column key = col(TO);
    Dataset<Row> keys = perCustomer.select(col(CUSTOMER), key.as(STATE));
    if (order == 2) {
      Column cur =
          org.apache.spark.sql.functions.element_at(
              org.apache.spark.sql.functions.split(col(TO), PAIR_SEPARATOR), -1);
      keys = keys.unionByName(perCustomer.select(col(CUSTOMER), cur.as(STATE)));
    }
    Map<String, long[]> out = new HashMap<>();
    for (Row r :
        keys.join(churned, new String[] {CUSTOMER}, "left")
            .groupBy(STATE)
            .agg(
                countDistinct(col(CUSTOMER)), countDistinct(when(col("is_churned"), col(CUSTOMER))))
            .collectAsList()) {
      out.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
    }
    return out;
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
    // The top paths by a distributed top-k (orderBy + limit), ranked on the driver: a rank window
    // over every path would move them all into one partition.
    Dataset<Row> perPath =
        perCustomer
            .groupBy(col(PATH), col(STEPS))
            .agg(
                count(lit(1)).as(CUSTOMERS),
                org.apache
                    .spark
                    .sql
                    .functions
                    .sum(when(col(CHURNED), 1L).otherwise(0L))
                    .as(CHURNED))
            .withColumn(CHURN_SHARE, col(CHURNED).divide(col(CUSTOMERS)))
            .filter(col(CHURNED).gt(0));
    StructType schema = perPath.schema().add(RANK, DataTypes.IntegerType, false);
    List<Row> ranked = new ArrayList<>();
    for (Row r :
        perPath
            .orderBy(col(CHURNED).desc(), col(CUSTOMERS).desc(), col(PATH))
            .limit(top)
            .collectAsList()) {
      Object[] values = new Object[r.size() + 1];
      for (int i = 0; i < r.size(); i++) {
        values[i] = r.get(i);
      }
      values[r.size()] = ranked.size() + 1;
      ranked.add(new GenericRowWithSchema(values, schema));
    }
    return paths.sparkSession().createDataFrame(ranked, schema);
  }

  public static final String KIND = "kind";
  public static final String REMOVAL_EFFECT = "removal_effect";
  public static final String REMOVAL_LOW = "removal_low";
  public static final String REMOVAL_HIGH = "removal_high";
  public static final String NET_EFFECT = "net_effect";
  public static final String NET_LOW = "net_low";
  public static final String NET_HIGH = "net_high";
  public static final String PAIN_EFFECT = "pain_effect";
  public static final String PAIN_LOW = "pain_low";
  public static final String PAIN_HIGH = "pain_high";
  public static final String CHURN_PROBABILITY = "churn_probability";
  public static final String ORDER = "chain_order";
  public static final String REPLICATES = "replicates";

  /** The {@code path_effects} table's schema: one row per state, largest net effect first. */
  public static StructType schema() {
    StructType s =
        new StructType()
            .add(STATE, DataTypes.StringType, false)
            .add(KIND, DataTypes.StringType, false);
    for (String c :
        List.of(REMOVAL_EFFECT, REMOVAL_LOW, REMOVAL_HIGH, NET_EFFECT, NET_LOW, NET_HIGH)) {
      s = s.add(c, DataTypes.DoubleType, false);
    }
    for (String c : List.of(PAIN_EFFECT, PAIN_LOW, PAIN_HIGH)) {
      s = s.add(c, DataTypes.DoubleType, true);
    }
    return s.add(CUSTOMERS, DataTypes.LongType, false)
        .add(CHURN_SHARE, DataTypes.DoubleType, false)
        .add(CHURN_PROBABILITY, DataTypes.DoubleType, false)
        .add(ORDER, DataTypes.IntegerType, false)
        .add(REPLICATES, DataTypes.IntegerType, false);
  }

  /** The result as rows of {@link #schema()}, in the result's order. */
  public static List<Row> rows(Result result) {
    List<Row> out = new ArrayList<>();
    for (StateEffect e : result.states()) {
      out.add(
          new GenericRowWithSchema(
              new Object[] {
                e.state(),
                e.kind(),
                e.removalEffect(),
                e.low(),
                e.high(),
                e.netEffect(),
                e.netLow(),
                e.netHigh(),
                e.painEffect(),
                e.painLow(),
                e.painHigh(),
                e.customers(),
                e.churnShare(),
                result.churnProbability(),
                result.order(),
                result.replicates()
              },
              schema()));
    }
    return out;
  }
}
