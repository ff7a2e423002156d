package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.ThemeOptions;
import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.spark.ExactSums;
import com.painpoint.features.spark.Materialized;
import com.painpoint.models.sentiment.SentimentColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finds the pain themes of one night: vectorises the negative sentences, clusters each touchpoint's
 * sentences, labels the themes, picks their quotes and matches them to the previous run's themes
 * for stable ids.
 *
 * <p>Runs Spark jobs (vectoriser fit, one k-means per tried k and touchpoint, a few small
 * aggregates collected to the driver: a touchpoint has at most {@code max_themes} themes, and a
 * sample of each theme's sentences for its readable label, see {@link ThemeLabels}). The
 * touchpoints are clustered concurrently, since each k-means on a few hundred sentences is bound by
 * job scheduling rather than by the cores.
 */
public final class ThemeDiscovery {
  /** Terms kept per theme for matching and labels. */
  static final int TERMS_KEPT = 30;

  static final int LABEL_TERMS = 10;

  /** Internal: the sentence only vents (see {@link ThemeColumns#GENERAL}). */
  static final String GENERAL_COL = "_general";

  public static final StructType SCHEMA =
      new StructType()
          .add(ThemeColumns.RUN_DATE, DataTypes.DateType, false)
          .add(ThemeColumns.TOUCHPOINT, DataTypes.StringType, false)
          .add(ThemeColumns.THEME_ID, DataTypes.StringType, false)
          .add(ThemeColumns.IS_OTHER, DataTypes.BooleanType, false)
          .add(ThemeColumns.THEME_RANK, DataTypes.IntegerType, true)
          .add(ThemeColumns.LABEL, DataTypes.StringType, false)
          .add(
              ThemeColumns.TOP_TERMS, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(ThemeColumns.SIZE, DataTypes.LongType, false)
          .add(ThemeColumns.SHARE, DataTypes.DoubleType, false)
          .add(ThemeColumns.MEAN_SCORE, DataTypes.DoubleType, true)
          .add(ThemeColumns.CUSTOMERS, DataTypes.LongType, false)
          .add(ThemeColumns.QUOTES, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(ThemeColumns.FIRST_SEEN, DataTypes.DateType, true)
          .add(ThemeColumns.STATUS, DataTypes.StringType, true)
          .add(ThemeColumns.PREVIOUS_SIZE, DataTypes.LongType, true)
          .add(ThemeColumns.PREVIOUS_SHARE, DataTypes.DoubleType, true)
          .add(ThemeColumns.MATCH_SIMILARITY, DataTypes.DoubleType, true)
          .add(
              ThemeColumns.TERM_WEIGHTS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false),
              false);

  /**
   * The night's themes.
   *
   * @param themes rows of {@link #SCHEMA}, ordered by touchpoint and rank ({@code other} last)
   * @param sentenceThemes feedback_id, sentence_index, theme_ids: the theme of each negative
   *     sentence in each of its touchpoints
   * @param plans per touchpoint: kept themes and the clustering of the leftover sentences
   * @param negativeSentences negative sentence × touchpoint rows considered
   */
  public record Result(
      List<Row> themes,
      Dataset<Row> sentenceThemes,
      List<ThemePlan> plans,
      long negativeSentences,
      List<String> genericTerms) {}

  private ThemeDiscovery() {}

  /**
   * @param previousThemes the previous run's {@code pain_themes}, or null
   * @param previousScored the previous run's {@code feedback_scored} (with theme ids), or null
   */
  public static Result discover(
      SparkSession spark,
      Dataset<Row> feedbackScored,
      Dataset<Row> previousThemes,
      Dataset<Row> previousScored,
      ThemeOptions options,
      LocalDate runDate) {
    Dataset<Row> negativeRows = ThemeVectors.withTerms(NegativeSentences.of(feedbackScored));
    if (options.encoderWeight() > 0) {
      // The sentiment stage's vectors when its encoder scored the sentence; else encoded here,
      // before the single ordered partition below, so the encoder runs in every task.
      negativeRows =
          ThemeVectors.withEmbeddings(
              negativeRows, SentimentColumns.EMBEDDING, SentimentColumns.SENTENCE);
    }
    Dataset<Row> negative =
        negativeRows
            .orderBy(
                col(FeedbackSchema.FEEDBACK_ID),
                col(SentimentColumns.SENTENCE_INDEX),
                col(ThemeColumns.TOUCHPOINT))
            // One ordered partition: Word2Vec and k-means see the sentences in the same order on
            // every run (Word2Vec's own repartition would otherwise fetch them in arrival order).
            // A night's negative sentences are small next to the work that scored them.
            .coalesce(1);
    List<String> generic = GenericTerms.find(negative);
    Dataset<Row> vectors =
        ThemeVectors.pipeline(
                options.word2vecWeight(),
                options.pretrainedWeight(),
                options.encoderWeight(),
                options.seed(),
                generic)
            .fit(negative)
            .transform(negative)
            // Too few content terms, or none that the vectoriser knows (a zero vector, which
            // cosine k-means cannot place): the sentence goes to other.
            .withColumn(
                "_clusterable",
                size(col("_content"))
                    .geq(options.minTerms())
                    .and(ThemeVectors.hasDirection(col(ThemeVectors.FEATURES))))
            // Venting with no concrete subject ("This is unacceptable.", "Your billing is a
            // joke."): fewer than min_terms content words once the night's generic words and the
            // touchpoint's own name are set aside. It says how the customer feels about the
            // touchpoint, not what went wrong there: the general-dissatisfaction bucket.
            .withColumn(
                GENERAL_COL,
                expr(
                    "size(filter(_content, x -> NOT array_contains(split(lower("
                        + ThemeColumns.TOUCHPOINT
                        + "), '[^a-z]+'), x))) < "
                        + options.minTerms()))
            .select(
                col(FeedbackSchema.FEEDBACK_ID),
                col(SentimentColumns.TEXT_HASH),
                col(SentimentColumns.SENTENCE_INDEX),
                col(FeedbackSchema.CUSTOMER_ID),
                col(ThemeColumns.TOUCHPOINT),
                col(SentimentColumns.SENTENCE),
                col(SentimentColumns.SCORE),
                col(ThemeVectors.TERMS),
                col("_clusterable"),
                col(GENERAL_COL),
                col(ThemeVectors.FEATURES));
    // Materialised with its lineage cut: every plan's k-means and IDF jobs read these rows, and
    // a persisted table would still ship the whole vectoriser (its word vectors) in each job's
    // task binary (2.1 MiB on the sample, 157 jobs).
    vectors = Materialized.of(withPreviousThemes(vectors, previousThemes, previousScored));
    try {
      Map<String, long[]> counts = new TreeMap<>();
      for (Row r :
          vectors
              .groupBy(ThemeColumns.TOUCHPOINT)
              .agg(count(lit(1)), count(when(col("_clusterable"), 1)))
              .collectAsList()) {
        counts.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
      }
      long total = counts.values().stream().mapToLong(c -> c[0]).sum();
      List<ThemePlan> plans = planAll(vectors, counts, options);
      Dataset<Row> assigned = Materialized.of(assign(vectors, plans, options));
      try {
        List<Row> idRows = new ArrayList<>();
        List<Row> themes =
            summarise(assigned, counts, plans, previousThemes, options, runDate, idRows);
        Dataset<Row> idMap =
            spark.createDataFrame(
                idRows,
                new StructType()
                    .add(ThemeColumns.TOUCHPOINT, DataTypes.StringType)
                    .add(ThemeColumns.CLUSTER, DataTypes.IntegerType)
                    .add(ThemeColumns.THEME_ID, DataTypes.StringType));
        Dataset<Row> sentenceThemes =
            assigned
                .select(
                    FeedbackSchema.FEEDBACK_ID,
                    SentimentColumns.SENTENCE_INDEX,
                    ThemeColumns.TOUCHPOINT,
                    ThemeColumns.CLUSTER)
                .join(
                    org.apache.spark.sql.functions.broadcast(idMap),
                    ThemeTerms.seq(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER))
                .groupBy(FeedbackSchema.FEEDBACK_ID, SentimentColumns.SENTENCE_INDEX)
                .agg(sort_array(collect_set(col(ThemeColumns.THEME_ID))).as(ThemeColumns.THEME_IDS))
                .localCheckpoint(true);
        return new Result(themes, sentenceThemes, plans, total, generic);
      } finally {
        Materialized.release(assigned);
      }
    } finally {
      Materialized.release(vectors);
    }
  }

  /**
   * Tonight's vectors with the theme each sentence had in the previous run ({@link
   * ThemeColumns#PREVIOUS_THEME}, null when new, edited, or in {@code other} last night).
   */
  private static Dataset<Row> withPreviousThemes(
      Dataset<Row> vectors, Dataset<Row> previousThemes, Dataset<Row> previousScored) {
    if (previousThemes == null
        || previousScored == null
        || !List.of(previousScored.columns()).contains(ThemeColumns.THEME_IDS)) {
      return vectors.withColumn(ThemeColumns.PREVIOUS_THEME, lit(null).cast(DataTypes.StringType));
    }
    Dataset<Row> themeTouchpoint =
        previousThemes
            .filter(col(ThemeColumns.IS_OTHER).equalTo(false))
            .select(
                col(ThemeColumns.THEME_ID).as(ThemeColumns.PREVIOUS_THEME),
                col(ThemeColumns.TOUCHPOINT));
    Dataset<Row> members =
        previousScored
            .select(
                col(FeedbackSchema.FEEDBACK_ID),
                col(SentimentColumns.TEXT_HASH),
                col(SentimentColumns.SENTENCE_INDEX),
                org.apache
                    .spark
                    .sql
                    .functions
                    .explode(col(ThemeColumns.THEME_IDS))
                    .as(ThemeColumns.PREVIOUS_THEME))
            .join(
                org.apache.spark.sql.functions.broadcast(themeTouchpoint),
                ThemeTerms.seq(ThemeColumns.PREVIOUS_THEME));
    return vectors.join(
        members,
        ThemeTerms.seq(
            FeedbackSchema.FEEDBACK_ID,
            SentimentColumns.TEXT_HASH,
            SentimentColumns.SENTENCE_INDEX,
            ThemeColumns.TOUCHPOINT),
        "left");
  }

  /** One plan per touchpoint, built concurrently (each is a few small Spark jobs). */
  private static List<ThemePlan> planAll(
      Dataset<Row> vectors, Map<String, long[]> counts, ThemeOptions options) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, Math.max(1, counts.size())));
    try {
      List<Future<ThemePlan>> futures = new ArrayList<>();
      for (String tp : counts.keySet()) {
        futures.add(
            pool.submit(
                () -> plan(vectors.filter(col(ThemeColumns.TOUCHPOINT).equalTo(tp)), tp, options)));
      }
      List<ThemePlan> plans = new ArrayList<>();
      for (Future<ThemePlan> f : futures) {
        plans.add(f.get());
      }
      return plans;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PainpointException(PainpointException.Kind.RUNTIME, "themes: interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new PainpointException(
          PainpointException.Kind.RUNTIME, "themes: clustering failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A touchpoint's plan: kept themes with tonight's centroids and join thresholds (the 10th
   * percentile of their members' similarity, at least {@code min_similarity}), then the leftover
   * sentences clustered into new themes.
   */
  private static ThemePlan plan(Dataset<Row> tp, String touchpoint, ThemeOptions options) {
    List<String> ids = new ArrayList<>();
    List<double[]> centers = new ArrayList<>();
    for (Row r :
        tp.filter(col(ThemeColumns.PREVIOUS_THEME).isNotNull())
            .groupBy(ThemeColumns.PREVIOUS_THEME)
            .agg(org.apache.spark.ml.stat.Summarizer.mean(col(ThemeVectors.FEATURES)).as("_mean"))
            .orderBy(ThemeColumns.PREVIOUS_THEME)
            .collectAsList()) {
      ids.add(r.getString(0));
      centers.add(
          TouchpointClusters.unit(((org.apache.spark.ml.linalg.Vector) r.get(1)).toArray()));
    }
    double[] thresholds = new double[ids.size()];
    java.util.Arrays.fill(thresholds, options.minSimilarity());
    ThemePlan plan =
        new ThemePlan(
            touchpoint,
            ids,
            centers.toArray(double[][]::new),
            thresholds,
            null,
            options.minSimilarity());
    if (!ids.isEmpty()) {
      for (Row r :
          tp.filter(col(ThemeColumns.PREVIOUS_THEME).isNotNull())
              .withColumn("_a", plan.assign())
              .groupBy(ThemeColumns.PREVIOUS_THEME)
              .agg(
                  org.apache.spark.sql.functions.percentile_approx(
                      col("_a.similarity"), lit(0.1), lit(1000)))
              .collectAsList()) {
        int i = ids.indexOf(r.getString(0));
        thresholds[i] = Math.max(options.minSimilarity(), r.getDouble(1));
      }
    }
    Dataset<Row> leftover =
        tp.withColumn("_a", plan.assign())
            .filter(col("_a.cluster").equalTo(ThemePlan.LEFTOVER))
            .drop("_a");
    long n = leftover.count();
    ThemeOptions forLeftover = options;
    if (!ids.isEmpty()) {
      // Room for new themes next to the kept ones: up to max_themes in all, and always room for
      // two emerging themes (kept themes retire as their feedback leaves the window).
      int room = Math.max(2, options.maxThemes() - ids.size());
      forLeftover = options.withMaxThemes(room);
    }
    // Next to kept themes, a handful of unplaced sentences is not yet a theme: they wait in other
    // (and are looked at again each night) until there are min_sentences of them.
    boolean tooFew = !ids.isEmpty() && n < options.minSentences();
    TouchpointClusters.Fit fit =
        n == 0 || tooFew
            ? TouchpointClusters.empty(touchpoint)
            : TouchpointClusters.fit(touchpoint, leftover, n, forLeftover);
    return plan.withLeftover(fit);
  }

  /**
   * Adds cluster and similarity; sentences too short to theme, too far from every theme, or in a
   * new cluster smaller than {@code min_theme_size} get {@link ThemeColumns#OTHER}.
   */
  private static Dataset<Row> assign(
      Dataset<Row> vectors, List<ThemePlan> plans, ThemeOptions options) {
    Dataset<Row> all = null;
    for (ThemePlan plan : plans) {
      Dataset<Row> a =
          vectors
              .filter(col(ThemeColumns.TOUCHPOINT).equalTo(plan.touchpoint()))
              .withColumn("_a", plan.assign())
              .withColumn(ThemeColumns.CLUSTER, col("_a.cluster"))
              .withColumn(ThemeColumns.SIMILARITY, col("_a.similarity"))
              .drop("_a", ThemeVectors.FEATURES);
      all = all == null ? a : all.unionByName(a);
    }
    if (all == null) {
      return vectors
          .withColumn(
              ThemeColumns.CLUSTER,
              when(col(GENERAL_COL), lit(ThemeColumns.GENERAL)).otherwise(lit(ThemeColumns.OTHER)))
          .withColumn(ThemeColumns.SIMILARITY, lit(0.0))
          .drop(ThemeVectors.FEATURES);
    }
    Map<String, Integer> keptByTouchpoint = new HashMap<>();
    for (ThemePlan plan : plans) {
      keptByTouchpoint.put(plan.touchpoint(), plan.kept());
    }
    List<String> small = new ArrayList<>();
    for (Row r :
        all.filter(col(ThemeColumns.CLUSTER).geq(0))
            .groupBy(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER)
            .count()
            .filter(col("count").lt(options.minThemeSize()))
            .collectAsList()) {
      if (r.getInt(1) >= keptByTouchpoint.getOrDefault(r.getString(0), 0)) {
        small.add(ThemeMatcher.key(r.getString(0), r.getInt(1)));
      }
    }
    Column key = concat_ws("#", col(ThemeColumns.TOUCHPOINT), col(ThemeColumns.CLUSTER));
    return all.withColumn(
        ThemeColumns.CLUSTER,
        when(key.isin(small.toArray()), lit(ThemeColumns.OTHER))
            .otherwise(col(ThemeColumns.CLUSTER)));
  }

  private static List<Row> summarise(
      Dataset<Row> assigned,
      Map<String, long[]> counts,
      List<ThemePlan> plans,
      Dataset<Row> previousThemes,
      ThemeOptions options,
      LocalDate runDate,
      List<Row> idRows) {
    Map<String, Row> stats = new HashMap<>();
    for (Row r :
        assigned
            .groupBy(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER)
            .agg(
                count(lit(1)),
                countDistinct(col(FeedbackSchema.CUSTOMER_ID)),
                ExactSums.mean(col(SentimentColumns.SCORE)))
            .collectAsList()) {
      stats.put(ThemeMatcher.key(r.getString(0), r.getInt(1)), r);
    }
    Map<String, LinkedHashMap<String, Double>> terms = new HashMap<>();
    for (Row r :
        ThemeTerms.distinctive(assigned, TERMS_KEPT)
            .orderBy(ThemeColumns.TOUCHPOINT, ThemeColumns.CLUSTER, ThemeTerms.TERM_RANK)
            .collectAsList()) {
      terms
          .computeIfAbsent(
              ThemeMatcher.key(r.getString(0), r.getInt(1)), k -> new LinkedHashMap<>())
          .put(r.getString(2), r.getDouble(3));
    }
    Map<String, List<String>> quotes = new HashMap<>();
    for (Row r :
        ThemeQuotes.of(assigned, options.maxQuotes(), options.quoteChars()).collectAsList()) {
      quotes.put(ThemeMatcher.key(r.getString(0), r.getInt(1)), r.getList(2));
    }
    List<ThemeMatcher.Current> current = new ArrayList<>();
    for (Map.Entry<String, Row> e : stats.entrySet()) {
      Row r = e.getValue();
      if (r.getInt(1) < 0) {
        continue; // other and general dissatisfaction: buckets, not themes
      }
      long n = r.getLong(2);
      current.add(
          new ThemeMatcher.Current(
              r.getString(0),
              r.getInt(1),
              terms.getOrDefault(e.getKey(), new LinkedHashMap<>()),
              n,
              (double) n / counts.get(r.getString(0))[0]));
    }
    List<ThemeMatcher.Previous> previous = previous(previousThemes);
    Map<String, ThemeMatcher.Previous> previousById = new HashMap<>();
    previous.forEach(p -> previousById.put(p.themeId(), p));
    Map<String, ThemePlan> planOf = new HashMap<>();
    plans.forEach(p -> planOf.put(p.touchpoint(), p));
    // Kept themes keep their id; new ones may still match a previous theme that lost all its
    // sentences (it came back), else they are new.
    Map<String, ThemeMatcher.Identity> ids = new HashMap<>();
    List<ThemeMatcher.Current> fresh = new ArrayList<>();
    java.util.Set<String> keptIds = new java.util.HashSet<>();
    for (ThemeMatcher.Current c : current) {
      ThemePlan plan = planOf.get(c.touchpoint());
      if (c.cluster() < plan.kept()) {
        String id = plan.keptIds().get(c.cluster());
        ThemeMatcher.Previous p = previousById.get(id);
        keptIds.add(id);
        ids.put(
            ThemeMatcher.key(c.touchpoint(), c.cluster()),
            new ThemeMatcher.Identity(id, p.firstSeen(), ThemeMatcher.status(c, p), p, null));
      } else {
        fresh.add(c);
      }
    }
    ids.putAll(
        ThemeMatcher.match(
            fresh,
            previous.stream().filter(p -> !keptIds.contains(p.themeId())).toList(),
            runDate,
            options.matchThreshold()));

    Map<String, Map<String, Double>> termsByTheme = new HashMap<>();
    for (ThemeMatcher.Current c : current) {
      termsByTheme.put(ThemeMatcher.key(c.touchpoint(), c.cluster()), c.weights());
    }
    Map<String, String> readable = ThemeLabels.readable(assigned, termsByTheme);

    List<Row> rows = new ArrayList<>();
    current.sort(
        Comparator.comparing(ThemeMatcher.Current::touchpoint)
            .thenComparingLong(c -> -c.size())
            .thenComparing(c -> ids.get(ThemeMatcher.key(c.touchpoint(), c.cluster())).themeId()));
    Map<String, Integer> rank = new HashMap<>();
    Date day = Date.valueOf(runDate);
    for (ThemeMatcher.Current c : current) {
      String k = ThemeMatcher.key(c.touchpoint(), c.cluster());
      ThemeMatcher.Identity id = ids.get(k);
      Row s = stats.get(k);
      List<String> ranked = new ArrayList<>(c.weights().keySet());
      idRows.add(RowFactory.create(c.touchpoint(), c.cluster(), id.themeId()));
      rows.add(
          themeRow(
              day,
              c.touchpoint(),
              id.themeId(),
              false,
              rank.merge(c.touchpoint(), 1, Integer::sum),
              readable.getOrDefault(k, label(ranked, c.weights())),
              ranked.subList(0, Math.min(LABEL_TERMS, ranked.size())),
              c.size(),
              c.share(),
              s.isNullAt(4) ? null : s.getDouble(4),
              s.getLong(3),
              quotes.getOrDefault(k, List.of()),
              Date.valueOf(id.firstSeen()),
              id.status(),
              id.previous() == null ? null : id.previous().size(),
              id.previous() == null ? null : id.previous().share(),
              id.similarity(),
              c.weights()));
    }
    for (String tp : counts.keySet()) {
      for (int bucket : new int[] {ThemeColumns.GENERAL, ThemeColumns.OTHER}) {
        String k = ThemeMatcher.key(tp, bucket);
        Row s = stats.get(k);
        if (s == null) {
          continue;
        }
        boolean general = bucket == ThemeColumns.GENERAL;
        String id = general ? ThemeColumns.generalId(tp) : ThemeColumns.otherId(tp);
        idRows.add(RowFactory.create(tp, bucket, id));
        rows.add(bucketRow(day, tp, id, general, s, counts, quotes.getOrDefault(k, List.of())));
      }
    }
    rows.sort(
        Comparator.comparing((Row r) -> r.getString(1))
            .thenComparing(r -> r.getBoolean(3))
            .thenComparing(r -> r.isNullAt(4) ? 0 : r.getInt(4))
            .thenComparing(r -> r.getString(2)));
    return rows;
  }

  /**
   * The row of a touchpoint's bucket ({@code is_other}: not a theme): general dissatisfaction
   * (venting with no concrete subject) or other (no clear theme).
   */
  private static Row bucketRow(
      Date day,
      String tp,
      String id,
      boolean general,
      Row s,
      Map<String, long[]> counts,
      List<String> quotes) {
    return themeRow(
        day,
        tp,
        id,
        true,
        null,
        general ? ThemeColumns.GENERAL_LABEL : "other (no clear theme)",
        List.of(),
        s.getLong(2),
        (double) s.getLong(2) / counts.get(tp)[0],
        s.isNullAt(4) ? null : s.getDouble(4),
        s.getLong(3),
        quotes,
        null,
        null,
        null,
        null,
        null,
        Map.of());
  }

  private static Row themeRow(Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof List<?> l) {
        values[i] = scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq();
      } else if (values[i] instanceof Map<?, ?> m) {
        values[i] =
            scala.collection.immutable.Map.from(scala.jdk.javaapi.CollectionConverters.asScala(m));
      }
    }
    return new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(values, SCHEMA);
  }

  private static String label(List<String> ranked, Map<String, Double> weights) {
    String l = ThemeTerms.label(ranked, weights);
    return l.isEmpty() ? "(no distinctive terms)" : l;
  }

  private static List<ThemeMatcher.Previous> previous(Dataset<Row> previousThemes) {
    List<ThemeMatcher.Previous> out = new ArrayList<>();
    if (previousThemes == null) {
      return out;
    }
    for (Row r :
        previousThemes
            .filter(col(ThemeColumns.IS_OTHER).equalTo(false))
            .select(
                ThemeColumns.THEME_ID,
                ThemeColumns.TOUCHPOINT,
                ThemeColumns.TERM_WEIGHTS,
                ThemeColumns.FIRST_SEEN,
                ThemeColumns.SIZE,
                ThemeColumns.SHARE)
            .collectAsList()) {
      Map<String, Double> w = new HashMap<>(r.getJavaMap(2));
      out.add(
          new ThemeMatcher.Previous(
              r.getString(0),
              r.getString(1),
              w,
              r.getDate(3).toLocalDate(),
              r.getLong(4),
              r.getDouble(5)));
    }
    return out;
  }
}
