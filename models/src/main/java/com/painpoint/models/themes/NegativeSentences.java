package com.painpoint.models.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import com.painpoint.features.contracts.FeedbackSchema;
import com.painpoint.models.sentiment.SentimentColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The input of the themes stage: scored sentences of class very negative or negative, one row per
 * touchpoint the sentence was attributed to (a sentence naming two touchpoints counts for both);
 * unattributed sentences have no touchpoint to theme and are left out. Sentences keep the vector
 * the sentiment stage's encoder gave them (null when CoreNLP scored them).
 */
public final class NegativeSentences {
  private NegativeSentences() {}

  public static Dataset<Row> of(Dataset<Row> feedbackScored) {
    Dataset<Row> rows =
        java.util.List.of(feedbackScored.columns()).contains(SentimentColumns.EMBEDDING)
            ? feedbackScored
            : feedbackScored.withColumn(
                SentimentColumns.EMBEDDING,
                lit(null).cast(com.painpoint.models.sentiment.SentimentStage.EMBEDDING_TYPE));
    return rows.filter(
            col(SentimentColumns.SENTIMENT_CLASS)
                .between(0, 1)
                .and(col(SentimentColumns.LEMMAS).isNotNull()))
        .withColumn(ThemeColumns.TOUCHPOINT, explode(col(SentimentColumns.TOUCHPOINTS)))
        .filter(col(ThemeColumns.TOUCHPOINT).notEqual(lit(SentimentColumns.UNATTRIBUTED)))
        .select(
            col(FeedbackSchema.FEEDBACK_ID),
            col(SentimentColumns.TEXT_HASH),
            col(SentimentColumns.SENTENCE_INDEX),
            col(FeedbackSchema.CUSTOMER_ID),
            col(ThemeColumns.TOUCHPOINT),
            col(SentimentColumns.SENTENCE),
            col(SentimentColumns.SCORE),
            col(SentimentColumns.LEMMAS),
            col(SentimentColumns.EMBEDDING));
  }
}
