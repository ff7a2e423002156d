package com.painpoint.jobs.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.config.ThemeOptions;
import com.painpoint.jobs.generate.PlantedThemes;
import com.painpoint.models.encoder.SentenceEncoder;
import com.painpoint.models.sentiment.CoreNlp;
import com.painpoint.models.themes.SphericalKMeans;
import com.painpoint.models.themes.ThemeVectors;
import com.painpoint.models.themes.TouchpointClusters;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * scripts/eval-themes: clusters a labelled set of texts with Painpoint's theme vectors and
 * spherical k-means, and prints NMI, ARI and purity against the labels.
 */
public final class EvalThemesMain {
  static final String USAGE =
      "usage: scripts/eval-themes (--input FILE.csv --text-col C --label-col L | --planted DIR)"
          + " [--k K] [--max-k M] [--merge-similarity S] [--w2v-weight W]"
          + " [--pretrained-weight P] [--encoder-weight E] [--theme-count merge_similarity|graph|silhouette] [--graph-neighbours N]\n"
          + "  --planted DIR: the planted complaint sentences of a generated data set (its"
          + " feedback_labels.jsonl), labelled with their planted theme\n"
          + "  without --k, the number of clusters comes from the nightly method: spherical k-means"
          + " with 2*M clusters (M default 100), grouped by --theme-count (default the nightly"
          + " themes.theme_count, merge_similarity: sub-clusters merged while their centroids are"
          + " at least S alike, S default 0.45; graph: the communities of the texts'"
          + " N-nearest-neighbour graph, no threshold, N default 15)";

  private EvalThemesMain() {}

  public static void main(String[] args) throws Exception {
    EvalMain.run(
        "eval-themes",
        session -> {
          EvalArgs a =
              new EvalArgs(
                  args,
                  Set.of(
                      "--input",
                      "--planted",
                      "--text-col",
                      "--label-col",
                      "--k",
                      "--max-k",
                      "--merge-similarity",
                      "--w2v-weight",
                      "--pretrained-weight",
                      "--encoder-weight",
                      "--theme-count",
                      "--oracle-k",
                      "--graph-neighbours"),
                  USAGE);
          String planted = a.get("--planted", null);
          String input = planted != null ? planted : a.required("--input", USAGE);
          String textCol = a.get("--text-col", "text");
          String labelCol = a.get("--label-col", "label");
          int k = a.integer("--k", 0);
          ThemeOptions defaults = ThemeOptions.DEFAULTS;
          double w2v = a.decimal("--w2v-weight", defaults.word2vecWeight());
          double pretrained = a.decimal("--pretrained-weight", defaults.pretrainedWeight());
          double encoder = a.decimal("--encoder-weight", defaults.encoderWeight());
          String themeCount = a.get("--theme-count", defaults.themeCount());
          if (!ThemeOptions.THEME_COUNTS.contains(themeCount)) {
            throw PainpointException.config(
                "--theme-count: must be one of "
                    + ThemeOptions.THEME_COUNTS
                    + ", got '"
                    + themeCount
                    + "'\n"
                    + USAGE);
          }
          int maxK = a.integer("--max-k", 100);
          double merge = a.decimal("--merge-similarity", defaults.mergeSimilarity());
          int neighbours = a.integer("--graph-neighbours", defaults.graphNeighbours());
          if (neighbours < 2 || neighbours > 200) {
            throw PainpointException.config(
                "--graph-neighbours: must be between 2 and 200, got " + neighbours + "\n" + USAGE);
          }
          if (!ThemeOptions.validMergeSimilarity(merge)) {
            throw PainpointException.config(
                "--merge-similarity: must be in (0, 1), got " + merge + "\n" + USAGE);
          }
          SparkSession spark = session.get();
          Dataset<Row> texts =
              planted != null
                  ? plantedSentences(spark, planted)
                  : labelled(spark, input, textCol, labelCol);
          StructType schema =
              new StructType()
                  .add("label", DataTypes.StringType)
                  .add(ThemeVectors.LEMMAS, DataTypes.createArrayType(DataTypes.StringType))
                  .add("text", DataTypes.StringType);
          Dataset<Row> lemmas =
              texts
                  .map(
                      (MapFunction<Row, Row>)
                          r ->
                              RowFactory.create(
                                  r.getString(1),
                                  scala.jdk.javaapi.CollectionConverters.asScala(
                                          lemmas(r.getString(0)))
                                      .toSeq(),
                                  r.getString(0)),
                      Encoders.row(schema))
                  .cache();
          long n = lemmas.count();
          int labels = (int) lemmas.select("label").distinct().count();
          long start = System.nanoTime();
          Dataset<Row> withTerms = ThemeVectors.withTerms(lemmas);
          if (encoder > 0) {
            withTerms = ThemeVectors.withEmbeddings(withTerms, "text");
          }
          withTerms = withTerms.coalesce(1);
          Dataset<Row> all =
              ThemeVectors.pipeline(w2v, pretrained, encoder, 42L, List.of())
                  .fit(withTerms)
                  .transform(withTerms)
                  .withColumn("_placeable", ThemeVectors.hasDirection(col(ThemeVectors.FEATURES)))
                  .cache();
          // A text with no usable term (only stop words, handles, links or emoji) has a zero
          // vector,
          // which cosine k-means cannot place: it is scored as a cluster of its own ("other").
          Dataset<Row> vectors = all.filter(col("_placeable"));
          List<Row> unplaced =
              all.filter(org.apache.spark.sql.functions.not(col("_placeable")))
                  .select(col("label"), lit(-1).as("prediction"))
                  .collectAsList();
          long placeable = vectors.count();
          if (placeable < 2) {
            throw PainpointException.badInput(
                input + ": fewer than two texts have a usable term to cluster");
          }
          String how;
          int clusters;
          List<Row> assigned;
          if (k > 0) {
            clusters = k;
            KMeansModel model = SphericalKMeans.fit(vectors, (int) Math.min(k, placeable), 42L);
            assigned =
                new ArrayList<>(
                    model.transform(vectors).select("label", "prediction").collectAsList());
            how = "k given";
          } else if (planted != null && "true".equals(a.get("--oracle-k", "false"))) {
            // The ceiling of the vectors: each touchpoint clustered into as many themes as it has
            // planted complaints (k known, which the nightly never is).
            Dataset<Row> grouped =
                vectors.withColumn(
                    "_touchpoint",
                    org.apache.spark.sql.functions.substring_index(col("label"), "/", 1));
            assigned = new ArrayList<>();
            clusters = 0;
            for (Row g :
                grouped
                    .groupBy("_touchpoint")
                    .agg(org.apache.spark.sql.functions.countDistinct(col("label")))
                    .orderBy("_touchpoint")
                    .collectAsList()) {
              Dataset<Row> mine = grouped.filter(col("_touchpoint").equalTo(g.getString(0)));
              int kk = (int) g.getLong(1);
              int offset = clusters;
              if (kk < 2) {
                for (Row r : mine.select("label").collectAsList()) {
                  assigned.add(RowFactory.create(r.getString(0), offset));
                }
              } else {
                KMeansModel model = SphericalKMeans.fit(mine, kk, 42L);
                for (Row r : model.transform(mine).select("label", "prediction").collectAsList()) {
                  assigned.add(RowFactory.create(r.getString(0), offset + r.getInt(1)));
                }
              }
              clusters += kk;
            }
            how = "per touchpoint, k = its planted complaints (oracle)";
          } else if (planted != null) {
            // As the nightly job: each touchpoint's sentences clustered on their own (the
            // touchpoint
            // is known from the sentence, as the job knows it from attribution), up to max_themes
            // each.
            ThemeOptions perTouchpoint =
                defaults
                    .withMergeSimilarity(merge)
                    .withThemeCount(themeCount)
                    .withGraphNeighbours(neighbours)
                    .withWeights(w2v, pretrained, encoder);
            Dataset<Row> grouped =
                vectors.withColumn(
                    "_touchpoint",
                    org.apache.spark.sql.functions.substring_index(col("label"), "/", 1));
            List<String> touchpoints = new ArrayList<>();
            for (Row r :
                grouped.select("_touchpoint").distinct().orderBy("_touchpoint").collectAsList()) {
              touchpoints.add(r.getString(0));
            }
            assigned = new ArrayList<>();
            clusters = 0;
            for (String tp : touchpoints) {
              Dataset<Row> mine = grouped.filter(col("_touchpoint").equalTo(tp));
              long count = mine.count();
              TouchpointClusters.Fit fit = TouchpointClusters.fit(tp, mine, count, perTouchpoint);
              int offset = clusters;
              for (Row r :
                  mine.withColumn("_a", TouchpointClusters.assign(fit))
                      .select(col("label"), col("_a.cluster"))
                      .collectAsList()) {
                int c = r.getInt(1);
                assigned.add(RowFactory.create(r.getString(0), c < 0 ? -1 : offset + c));
              }
              clusters += fit.k();
            }
            how =
                "per touchpoint, up to "
                    + perTouchpoint.maxThemes()
                    + " each, "
                    + (ThemeOptions.MERGE_SIMILARITY.equals(themeCount)
                        ? "sub-clusters merged at centroid similarity >= " + merge
                        : "number of themes by " + themeCount);
          } else {
            // Label-blind, as in the nightly job: over-cluster, then merge similar sub-clusters.
            TouchpointClusters.Fit fit =
                TouchpointClusters.fit(
                    "eval",
                    vectors,
                    placeable,
                    defaults
                        .withMaxThemes(maxK)
                        .withMergeSimilarity(merge)
                        .withThemeCount(themeCount)
                        .withGraphNeighbours(neighbours)
                        .withWeights(w2v, pretrained, encoder));
            clusters = fit.k();
            assigned =
                new ArrayList<>(
                    vectors
                        .withColumn("_a", TouchpointClusters.assign(fit))
                        .select(col("label"), col("_a.cluster").as("prediction"))
                        .collectAsList());
            how =
                "from "
                    + fit.centers().length
                    + " k-means sub-clusters "
                    + (ThemeOptions.MERGE_SIMILARITY.equals(themeCount)
                        ? "merged at centroid similarity >= " + merge
                        : "merged to the cut chosen by " + themeCount);
          }
          assigned.addAll(unplaced);
          double seconds = (System.nanoTime() - start) / 1e9;
          List<String> gold = new ArrayList<>();
          List<Integer> pred = new ArrayList<>();
          for (Row r : assigned) {
            gold.add(r.getString(0));
            pred.add(r.getInt(1));
          }
          // Whether the vectors separate the labels at all: each text's nearest texts (within its
          // touchpoint for planted sentences, as the nightly clusters them).
          // Only the texts the measure looks at reach the driver: the first MAX_TEXTS of each group
          // (the vectors are one partition, so "first" is the input's order).
          Column groupCol =
              planted != null
                  ? org.apache.spark.sql.functions.substring_index(col("label"), "/", 1)
                  : lit("");
          Dataset<Row> looked =
              vectors
                  .withColumn(
                      "_order", org.apache.spark.sql.functions.monotonically_increasing_id())
                  .withColumn(
                      "_rank",
                      org.apache
                          .spark
                          .sql
                          .functions
                          .row_number()
                          .over(
                              org.apache.spark.sql.expressions.Window.partitionBy(groupCol)
                                  .orderBy(col("_order"))))
                  .filter(col("_rank").leq(NeighbourAgreement.MAX_TEXTS));
          Map<String, List<Map.Entry<String, Vector>>> groups = new TreeMap<>();
          for (Row r :
              looked
                  .orderBy(col("_order"))
                  .select(col("label"), col(ThemeVectors.FEATURES))
                  .collectAsList()) {
            String label = r.getString(0);
            String group = planted != null ? label.substring(0, label.indexOf('/')) : "";
            groups
                .computeIfAbsent(group, g -> new ArrayList<>())
                .add(Map.entry(label, (Vector) r.get(1)));
          }
          List<NeighbourAgreement.Label> agreement = NeighbourAgreement.of(groups);
          double nmi = ClusterMetrics.nmi(gold, pred);
          double ari = ClusterMetrics.ari(gold, pred);
          double purity = ClusterMetrics.purity(gold, pred);
          int recovered = ClusterMetrics.recovered(gold, pred);
          System.out.printf(Locale.ROOT, "input    %s%ntexts    %d, %d labels%n", input, n, labels);
          System.out.printf(
              Locale.ROOT,
              "method   lemmas + bigrams, TF-IDF%s%s%s, spherical k-means (seed 42)%n",
              w2v > 0 ? " + corpus Word2Vec (weight " + w2v + ")" : "",
              pretrained > 0 ? " + CoreNLP word vectors (weight " + pretrained + ")" : "",
              encoder > 0
                  ? " + sentence encoder "
                      + SentenceEncoder.MODEL_NAME
                      + " (weight "
                      + encoder
                      + ")"
                  : "");
          if (!unplaced.isEmpty()) {
            System.out.printf(
                Locale.ROOT,
                "unplaced %d texts without a usable term (scored as one 'other' cluster)%n",
                unplaced.size());
          }
          System.out.printf(Locale.ROOT, "k        %d (%s)%n", clusters, how);
          System.out.printf(Locale.ROOT, "seconds  %.1f%n", seconds);
          System.out.print(NeighbourAgreement.describe(agreement, 8));
          System.out.printf(
              Locale.ROOT,
              "RESULT nmi=%.4f ari=%.4f purity=%.4f k=%d n=%d recovered=%d labels=%d"
                  + " neighbour_agreement=%.4f%n",
              nmi,
              ari,
              purity,
              clusters,
              n,
              recovered,
              labels,
              NeighbourAgreement.mean(agreement));
        });
  }

  /** The texts and labels of a CSV file. */
  private static Dataset<Row> labelled(
      SparkSession spark, String input, String textCol, String labelCol) {
    Dataset<Row> raw =
        spark
            .read()
            .option("header", "true")
            .option("multiLine", "true")
            .option("escape", "\"")
            .csv(input);
    for (String c : List.of(textCol, labelCol)) {
      if (!List.of(raw.columns()).contains(c)) {
        throw PainpointException.badInput(
            input + ": column '" + c + "' not found; columns: " + String.join(", ", raw.columns()));
      }
    }
    return raw.select(col(textCol).as("text"), col(labelCol).as("label"))
        .filter(col("text").isNotNull().and(col("label").isNotNull()));
  }

  /** The planted complaint sentences of a generated data set, labelled touchpoint/theme. */
  private static Dataset<Row> plantedSentences(SparkSession spark, String dir) {
    List<Row> rows = new ArrayList<>();
    for (PlantedThemes.Labelled l : PlantedThemes.read(java.nio.file.Path.of(dir)).sentences()) {
      if (l.planted() != null) {
        rows.add(RowFactory.create(l.sentence(), l.planted().key()));
      }
    }
    if (rows.isEmpty()) {
      throw PainpointException.badInput(dir + ": no planted complaint sentence in its labels");
    }
    StructType schema =
        new StructType().add("text", DataTypes.StringType).add("label", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  static List<String> lemmas(String text) {
    Annotation a = new Annotation(text);
    CoreNlp.lemmatizer().annotate(a);
    List<String> out = new ArrayList<>();
    for (CoreLabel t : a.get(CoreAnnotations.TokensAnnotation.class)) {
      out.add((t.lemma() == null ? t.word() : t.lemma()).toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
