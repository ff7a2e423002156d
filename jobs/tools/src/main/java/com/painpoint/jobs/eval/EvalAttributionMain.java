package com.painpoint.jobs.eval;

import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.models.sentiment.EncoderAttribution;
import com.painpoint.models.sentiment.KeywordLemmas;
import com.painpoint.models.sentiment.ParserKind;
import com.painpoint.models.sentiment.SentimentSettings;
import com.painpoint.models.sentiment.SentimentStage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * scripts/eval-attribution: on SemEval-2014 restaurant sentences, measures how well the sentiment
 * stage attributes sentences to touchpoints (micro-F1 of category detection) and the polarity it
 * gives each correctly found category (accuracy).
 */
public final class EvalAttributionMain {
  static final String USAGE =
      "usage: scripts/eval-attribution --input SEMEVAL.xml [--taxonomy FILE] [--limit N]"
          + " [--model encoder|corenlp] [--model-path HEAD] [--parser shift-reduce|pcfg|ensemble]"
          + " [--by-encoder true --min-similarity S --margin M]";
  static final List<String> POLARITIES = List.of("negative", "neutral", "positive");

  private EvalAttributionMain() {}

  /** One gold sentence: text and category -> polarity. */
  record Gold(String id, String text, Map<String, String> categories) {}

  public static void main(String[] args) throws Exception {
    EvalMain.run(
        "eval-attribution",
        session -> {
          EvalArgs a =
              new EvalArgs(
                  args,
                  Set.of(
                      "--input",
                      "--taxonomy",
                      "--limit",
                      "--model",
                      "--model-path",
                      "--parser",
                      "--by-encoder",
                      "--min-similarity",
                      "--margin"),
                  USAGE);
          Taxonomy taxonomy = taxonomy(a.get("--taxonomy", null));
          List<Gold> gold =
              read(new File(a.required("--input", USAGE)), a.integer("--limit", Integer.MAX_VALUE));
          SparkSession spark = session.get();
          System.out.println(
              evaluate(
                  spark,
                  gold,
                  taxonomy,
                  SentimentModels.settings(
                      a.get("--model", "encoder"),
                      a.get("--model-path", null),
                      ParserKind.parse(a.get("--parser", "shift-reduce"))),
                  Boolean.parseBoolean(a.get("--by-encoder", "false"))
                      ? EncoderAttribution.of(
                          taxonomy, a.decimal("--min-similarity", 0.5), a.decimal("--margin", 0.04))
                      : null));
        });
  }

  /**
   * The restaurant taxonomy this tool ships (food, service, ambience, price), or the given file.
   */
  static Taxonomy taxonomy(String file) throws java.io.IOException {
    if (file != null) {
      return Taxonomy.parse(file, Files.readString(Path.of(file), StandardCharsets.UTF_8));
    }
    try (java.io.InputStream in = EvalAttributionMain.class.getResourceAsStream(DEFAULT_TAXONOMY)) {
      return Taxonomy.parse(
          "classpath:" + DEFAULT_TAXONOMY, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** SemEval-2014's four restaurant categories as touchpoints, written once by hand. */
  static final String DEFAULT_TAXONOMY = "/com/painpoint/jobs/eval/restaurant-taxonomy.yaml";

  static List<Gold> read(File xml, int limit) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(xml);
    NodeList sentences = doc.getElementsByTagName("sentence");
    List<Gold> out = new ArrayList<>();
    for (int i = 0; i < sentences.getLength() && out.size() < limit; i++) {
      Element s = (Element) sentences.item(i);
      String text = s.getElementsByTagName("text").item(0).getTextContent();
      Map<String, String> cats = new LinkedHashMap<>();
      NodeList c = s.getElementsByTagName("aspectCategory");
      for (int j = 0; j < c.getLength(); j++) {
        Element e = (Element) c.item(j);
        cats.put(e.getAttribute("category"), e.getAttribute("polarity"));
      }
      out.add(new Gold(s.getAttribute("id"), text, cats));
    }
    return out;
  }

  static String evaluate(
      SparkSession spark,
      List<Gold> gold,
      Taxonomy taxonomy,
      SentimentSettings settings,
      EncoderAttribution byEncoder) {
    List<Row> rows = new ArrayList<>();
    for (Gold g : gold) {
      rows.add(RowFactory.create(g.id(), null, null, "eval", null, null, null, g.text()));
    }
    List<Row> scored =
        SentimentStage.finish(
                SentimentStage.score(
                    SentimentStage.prepare(
                        spark.createDataFrame(rows, FeedbackSchema.schema().asNullable())),
                    settings,
                    LocalDate.now(),
                    null),
                taxonomy,
                KeywordLemmas.of(taxonomy),
                byEncoder)
            .select(FeedbackSchema.FEEDBACK_ID, "touchpoints", "probabilities")
            .collectAsList();
    // feedback id -> category -> summed probability mass (neg, neu, pos)
    Map<String, Map<String, double[]>> predicted = new HashMap<>();
    for (Row r : scored) {
      Map<String, double[]> cats = predicted.computeIfAbsent(r.getString(0), k -> new HashMap<>());
      if (r.isNullAt(2)) {
        continue;
      }
      List<Double> p = r.getList(2);
      for (String tp : r.<String>getList(1)) {
        double[] m = cats.computeIfAbsent(tp, k -> new double[3]);
        m[0] += p.get(0) + p.get(1);
        m[1] += p.get(2);
        m[2] += p.get(3) + p.get(4);
      }
    }
    Set<String> known = new HashSet<>();
    taxonomy.touchpoints().forEach(t -> known.add(t.name()));
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int polarityRight = 0;
    int polarityN = 0;
    // per category: tp, fp, fn
    Map<String, int[]> perCategory = new java.util.TreeMap<>();
    for (Gold g : gold) {
      Map<String, double[]> pred = predicted.getOrDefault(g.id(), Map.of());
      for (String c : known) {
        boolean isGold = g.categories().containsKey(c);
        boolean isPred = pred.containsKey(c);
        int[] counts = perCategory.computeIfAbsent(c, k -> new int[3]);
        counts[isGold && isPred ? 0 : isPred ? 1 : isGold ? 2 : 0] += isGold || isPred ? 1 : 0;
        if (isGold && isPred) {
          tp++;
          String polarity = g.categories().get(c);
          if (POLARITIES.contains(polarity)) {
            double[] m = pred.get(c);
            int best = m[0] >= m[1] && m[0] >= m[2] ? 0 : (m[2] >= m[1] ? 2 : 1);
            polarityN++;
            if (POLARITIES.get(best).equals(polarity)) {
              polarityRight++;
            }
          }
        } else if (isPred) {
          fp++;
        } else if (isGold) {
          fn++;
        }
      }
    }
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    double accuracy = polarityN == 0 ? 0 : (double) polarityRight / polarityN;
    StringBuilder byCategory = new StringBuilder();
    for (Map.Entry<String, int[]> e : perCategory.entrySet()) {
      int[] c = e.getValue();
      double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
      double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
      byCategory.append(
          String.format(
              Locale.ROOT,
              "  %-16s precision %.4f recall %.4f F1 %.4f (tp %d, fp %d, fn %d)%n",
              e.getKey(),
              p,
              r,
              p + r == 0 ? 0 : 2 * p * r / (p + r),
              c[0],
              c[1],
              c[2]));
    }
    return String.format(
        Locale.ROOT,
        "sentiment model   %s%nattribution       %s%nsentences         %d%ncategories        %s%ndetection         precision %.4f recall %.4f"
            + " micro-F1 %.4f (tp %d, fp %d, fn %d)%n%spolarity accuracy %.4f on %d found"
            + " categories (negative/neutral/positive)%n"
            + "RESULT micro_f1=%.4f polarity_accuracy=%.4f n=%d",
        settings.describe(),
        byEncoder == null ? "taxonomy keywords" : "taxonomy keywords, else sentence similarity",
        gold.size(),
        known,
        precision,
        recall,
        f1,
        tp,
        fp,
        fn,
        byCategory,
        accuracy,
        polarityN,
        f1,
        accuracy,
        gold.size());
  }
}
