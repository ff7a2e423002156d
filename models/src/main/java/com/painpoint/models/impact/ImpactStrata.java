package com.painpoint.models.impact;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.painpoint.features.contracts.CrmSchema;
import com.painpoint.features.customers.CustomerColumns;
import com.painpoint.features.customers.CustomerFeatures;
import com.painpoint.features.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per touchpoint x segment x tenure band x arm (each evidence kind's exposed, and the baseline),
 * the customers, churners and monthly revenue: the 2x2 counts of every stratum in one aggregation.
 */
public final class ImpactStrata {
  private static final String TP = "_tp";
  private static final String VISITS = "_visits";
  private static final String FRICTION = "_friction";
  private static final String NEGATIVE = "_negative";

  private ImpactStrata() {}

  /**
   * @param customers the customer feature table ({@link CustomerFeatures#table}); customers whose
   *     churn outcome is unknown are left out
   */
  public static Dataset<Row> counts(Dataset<Row> customers, Taxonomy taxonomy) {
    List<Column> perTouchpoint = new ArrayList<>();
    for (String t : CustomerFeatures.countedTouchpoints(taxonomy)) {
      perTouchpoint.add(
          struct(
              lit(t).as(ImpactColumns.TOUCHPOINT),
              col(CustomerColumns.of(t, CustomerColumns.VISITS)).as(VISITS),
              col(CustomerColumns.of(t, CustomerColumns.FRICTION_SESSIONS)).as(FRICTION),
              col(CustomerColumns.of(t, CustomerColumns.NEGATIVE_SENTENCES)).as(NEGATIVE)));
    }
    Column text = col(TP + "." + NEGATIVE).gt(0);
    Column behaviour = col(TP + "." + FRICTION).gt(0);
    Column pain = text.or(behaviour);
    Column baseline = col(TP + "." + VISITS).gt(0).and(pain.unary_$bang());
    Column arms =
        array_compact(
            array(
                when(pain, lit(ImpactColumns.ANY)),
                when(text, lit(ImpactColumns.TEXT)),
                when(behaviour, lit(ImpactColumns.BEHAVIOUR)),
                when(text.and(behaviour), lit(ImpactColumns.BOTH)),
                when(baseline, lit(ImpactColumns.BASELINE))));
    return customers
        .filter(col(CrmSchema.CHURNED).isNotNull())
        .select(
            coalesce(col(CrmSchema.SEGMENT), lit(ImpactColumns.MISSING_SEGMENT))
                .as(ImpactColumns.SEGMENT),
            col(CustomerColumns.TENURE_BAND).as(ImpactColumns.TENURE_BAND),
            col(CrmSchema.CHURNED).as(ImpactColumns.CHURNED),
            coalesce(col(CrmSchema.MONTHLY_REVENUE).cast(DataTypes.DoubleType), lit(0.0))
                .as(ImpactColumns.MONTHLY_REVENUE),
            explode(array(perTouchpoint.toArray(Column[]::new))).as(TP))
        .select(
            col(TP + "." + ImpactColumns.TOUCHPOINT).as(ImpactColumns.TOUCHPOINT),
            col(ImpactColumns.SEGMENT),
            col(ImpactColumns.TENURE_BAND),
            col(ImpactColumns.CHURNED),
            col(ImpactColumns.MONTHLY_REVENUE),
            explode(arms).as(ImpactColumns.ARM))
        .groupBy(
            col(ImpactColumns.TOUCHPOINT),
            col(ImpactColumns.SEGMENT),
            col(ImpactColumns.TENURE_BAND),
            col(ImpactColumns.ARM))
        .agg(
            count(lit(1)).as(ImpactColumns.CUSTOMERS),
            count(when(col(ImpactColumns.CHURNED), 1)).as(ImpactColumns.CHURNED),
            sum(col(ImpactColumns.MONTHLY_REVENUE)).as(ImpactColumns.MONTHLY_REVENUE));
  }
}
