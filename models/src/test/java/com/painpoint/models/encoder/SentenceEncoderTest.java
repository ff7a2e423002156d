package com.painpoint.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SentenceEncoderTest {

  static double cos(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  static double norm(float[] a) {
    return Math.sqrt(cos(a, a));
  }

  @Test
  void paraphrasesLandCloserThanOtherComplaints() {
    SentenceEncoder e = SentenceEncoder.get();
    float[] fee = e.embed("The fee went up without any warning.");
    float[] invoice = e.embed("My invoice jumped this month and nobody told me.");
    float[] late = e.embed("The courier turned up two days late.");
    float[] late2 = e.embed("My parcel arrived way after the promised date.");
    assertThat(fee).hasSize(SentenceEncoder.DIMENSION);
    // Two wordings of one complaint that share no content word, against another complaint.
    assertThat(cos(fee, invoice)).isGreaterThan(cos(fee, late) + 0.05);
    assertThat(cos(late, late2)).isGreaterThan(cos(late, invoice) + 0.05);
  }

  @Test
  void aSentenceAlwaysGetsTheSameUnitVector() {
    SentenceEncoder e = SentenceEncoder.get();
    float[] first = e.embed("Support closed my ticket without an answer.");
    e.embed("Something else entirely, with more words in it than the first one has.");
    float[] again = e.embed("Support closed my ticket without an answer.");
    assertThat(again).containsExactly(first);
    assertThat(norm(first)).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void textWithoutWordsOrFarTooLongStillGetsAVector() {
    SentenceEncoder e = SentenceEncoder.get();
    for (String s :
        new String[] {
          "",
          "😡😡😡",
          "https://t.co/abc123 @someone",
          "El pedido llegó tarde otra vez",
          "a".repeat(100_000),
          "word ".repeat(20_000)
        }) {
      float[] v = e.embed(s);
      assertThat(v).hasSize(SentenceEncoder.DIMENSION);
      assertThat(norm(v)).as(s.length() > 40 ? s.substring(0, 40) : s).isCloseTo(1.0, within(1e-5));
    }
    assertThat(e.embed(null)).containsExactly(e.embed(""));
  }
}
