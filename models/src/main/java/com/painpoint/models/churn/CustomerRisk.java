package com.painpoint.models.churn;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.customers.CustomerColumns;
import com.painpoint.features.customers.CustomerFeatures;
import com.painpoint.features.spark.GlobalOrder;
import com.painpoint.features.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The churn model's input built from the customer feature table, and the risk table of active
 * customers: churn probability, risk decile, and the touchpoints most likely behind the risk.
 *
 * <p>A customer's top touchpoints are model-agnostic: the touchpoints where the customer met pain
 * (a friction session or a negative feedback sentence before the cutoff), ordered by that
 * touchpoint's Mantel-Haenszel churn risk ratio, keeping only ratios above 1. They say "of the
 * pains this customer met, these are the ones that go with churn", not how the model weighed them.
 */
public final class CustomerRisk {
  public static final String DECILE = "risk_decile";
  public static final String TOP_TOUCHPOINTS = "top_touchpoints";

  /** Feature-table columns that are dates, timestamps or the label's own date: never features. */
  static final List<String> NOT_FEATURES =
      List.of(
          CrmSchema.SIGNUP_DATE,
          CrmSchema.CHURN_DATE,
          CrmSchema.SNAPSHOT_DATE,
          CustomerColumns.EXPOSURE_CUTOFF,
          CustomerColumns.LAST_ACTIVITY,
          CustomerColumns.LAST_FEEDBACK);

  private CustomerRisk() {}

  /**
   * The customer feature table without its date columns: id, {@code churned} (the label) and the
   * features, for {@link ColumnTypeDetector#detect} and {@link ChurnTable#prepare}.
   */
  public static Dataset<Row> modelInput(Dataset<Row> customers) {
    return customers.drop(NOT_FEATURES.toArray(String[]::new));
  }

  /**
   * @param scored active customers scored by {@link ChurnModel#score} (id and {@link
   *     ChurnColumns#CHURN_PROBABILITY})
   * @param customers the customer feature table
   * @param riskRatios touchpoint to its MH risk ratio (evidence "any"); touchpoints missing or at
   *     most 1 are never named
   * @param top how many touchpoints to name per customer
   */
  public static Dataset<Row> table(
      Dataset<Row> scored,
      Dataset<Row> customers,
      Map<String, Double> riskRatios,
      Taxonomy taxonomy,
      int top) {
    List<Column> exposed = new ArrayList<>();
    for (String t : CustomerFeatures.countedTouchpoints(taxonomy)) {
      Double rr = riskRatios.get(t);
      if (rr == null || rr <= 1.0) {
        continue;
      }
      Column pain =
          col(CustomerColumns.of(t, CustomerColumns.FRICTION_SESSIONS))
              .gt(0)
              .or(col(CustomerColumns.of(t, CustomerColumns.NEGATIVE_SENTENCES)).gt(0));
      exposed.add(when(pain, struct(lit(rr).as("rr"), lit(t).as("touchpoint"))));
    }
    Column topTouchpoints =
        exposed.isEmpty()
            ? array().cast("array<string>")
            : transform(
                slice(
                    sort_array(array_compact(array(exposed.toArray(Column[]::new))), false),
                    1,
                    top),
                s -> s.getField("touchpoint"));
    Dataset<Row> risk =
        scored.select(col(CrmSchema.CUSTOMER_ID), col(ChurnColumns.CHURN_PROBABILITY));
    Dataset<Row> joined =
        customers
            .select(
                col(CrmSchema.CUSTOMER_ID),
                col(CrmSchema.SEGMENT),
                col(CrmSchema.PLAN),
                col(CrmSchema.MONTHLY_REVENUE),
                col(CustomerColumns.TENURE_BAND),
                topTouchpoints.as(TOP_TOUCHPOINTS))
            .join(risk, CrmSchema.CUSTOMER_ID)
            // Computed once (the model scores every customer here): the deciles count, sample,
            // sort and number these rows.
            .localCheckpoint();
    // Deciles of the whole table by a distributed sort (ties in probability go by id).
    return GlobalOrder.tile(
            joined, DECILE, 10, col(ChurnColumns.CHURN_PROBABILITY), col(CrmSchema.CUSTOMER_ID))
        .select(
            col(CrmSchema.CUSTOMER_ID),
            col(ChurnColumns.CHURN_PROBABILITY),
            col(DECILE),
            col(TOP_TOUCHPOINTS),
            col(CrmSchema.SEGMENT),
            col(CrmSchema.PLAN),
            col(CrmSchema.MONTHLY_REVENUE),
            col(CustomerColumns.TENURE_BAND));
  }
}
