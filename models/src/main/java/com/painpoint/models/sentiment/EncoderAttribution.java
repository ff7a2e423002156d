package com.painpoint.models.sentiment;

import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.features.taxonomy.Touchpoint;
import com.painpoint.models.encoder.SentenceEncoder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Attribution by sentence similarity, for sentences that name no taxonomy keyword: each touchpoint
 * is a prototype vector (the unit mean of the encoder's vectors of its name, its description and
 * each keyword), and a sentence goes to the nearest prototype when its cosine is at least {@code
 * minSimilarity} and beats the second nearest by at least {@code minMargin}. Built on the driver
 * (the encoder runs there once per touchpoint phrase); executors get the prototypes only.
 */
public final class EncoderAttribution implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] names;
  private final float[][] prototypes;
  private final double minSimilarity;
  private final double minMargin;

  EncoderAttribution(String[] names, float[][] prototypes, double minSimilarity, double minMargin) {
    this.names = names;
    this.prototypes = prototypes;
    this.minSimilarity = minSimilarity;
    this.minMargin = minMargin;
  }

  /** Prototypes of every touchpoint of the taxonomy. */
  public static EncoderAttribution of(Taxonomy taxonomy, double minSimilarity, double minMargin) {
    SentenceEncoder encoder = SentenceEncoder.get();
    List<Touchpoint> tps = taxonomy.touchpoints();
    String[] names = new String[tps.size()];
    float[][] prototypes = new float[tps.size()][];
    for (int t = 0; t < tps.size(); t++) {
      Touchpoint tp = tps.get(t);
      List<String> phrases = new ArrayList<>();
      phrases.add(tp.name().replace('_', ' '));
      if (tp.description() != null) {
        phrases.add(tp.description());
      }
      phrases.addAll(tp.keywords());
      double[] sum = new double[SentenceEncoder.DIMENSION];
      for (String phrase : phrases) {
        float[] v = encoder.embed(phrase);
        for (int i = 0; i < sum.length; i++) {
          sum[i] += v[i];
        }
      }
      double norm = 0;
      for (double x : sum) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      float[] unit = new float[sum.length];
      for (int i = 0; i < sum.length; i++) {
        unit[i] = (float) (sum[i] / norm);
      }
      names[t] = tp.name();
      prototypes[t] = unit;
    }
    return new EncoderAttribution(names, prototypes, minSimilarity, minMargin);
  }

  /** The touchpoint a sentence vector is attributed to, or null when none is near enough. */
  public String nearest(float[] v) {
    if (v == null || prototypes.length == 0) {
      return null;
    }
    int best = -1;
    double first = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < prototypes.length; t++) {
      double d = 0;
      float[] p = prototypes[t];
      for (int i = 0; i < p.length; i++) {
        d += (double) p[i] * v[i];
      }
      if (d > first) {
        second = first;
        first = d;
        best = t;
      } else if (d > second) {
        second = d;
      }
    }
    boolean clear = prototypes.length == 1 || first - second >= minMargin;
    return first >= minSimilarity && clear ? names[best] : null;
  }
}
