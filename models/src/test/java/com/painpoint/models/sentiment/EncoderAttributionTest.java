package com.painpoint.models.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.painpoint.features.taxonomy.Taxonomy;
import com.painpoint.models.encoder.SentenceEncoder;
import org.junit.jupiter.api.Test;

/** Attribution by sentence similarity: nearest touchpoint prototype, with a floor and a margin. */
class EncoderAttributionTest {
  private static final Taxonomy TAXONOMY =
      Taxonomy.parse(
          "t.yaml",
          """
          touchpoints:
            - {name: billing, position: 1, owner: finance, keywords: [invoice, bill, charge, refund],
               description: payments taken from the customer and money owed back}
            - {name: delivery, position: 2, owner: ops, keywords: [courier, parcel, delivery],
               description: getting the order to the customer's door}
          """);

  @Test
  void aSentenceWithoutKeywordsGoesToTheTouchpointItMeans() {
    EncoderAttribution a = EncoderAttribution.of(TAXONOMY, 0.5, 0.04);
    assertThat(a.nearest(vector("My package was left at the neighbour's house again.")))
        .isEqualTo("delivery");
    assertThat(a.nearest(vector("You took the money from my card twice this month.")))
        .isEqualTo("billing");
  }

  @Test
  void noVectorOrNoClearLeadMeansNoTouchpoint() {
    assertThat(EncoderAttribution.of(TAXONOMY, 0.5, 0.04).nearest(null)).isNull();
    // The same sentence, with a floor no sentence reaches or a lead no pair of touchpoints has.
    float[] v = vector("My package was left at the neighbour's house again.");
    assertThat(EncoderAttribution.of(TAXONOMY, 0.99, 0).nearest(v)).isNull();
    assertThat(EncoderAttribution.of(TAXONOMY, 0, 1.5).nearest(v)).isNull();
  }

  private static float[] vector(String s) {
    return SentenceEncoder.get().embed(s);
  }
}
