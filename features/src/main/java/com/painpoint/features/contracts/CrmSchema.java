package com.painpoint.features.contracts;

import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/** The CRM export contract: one row per customer, a snapshot. */
public final class CrmSchema {
  public static final String SOURCE = "crm";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String SEGMENT = "segment";
  public static final String PLAN = "plan";
  public static final String REGION = "region";
  public static final String SIGNUP_DATE = "signup_date";
  public static final String MONTHLY_REVENUE = "monthly_revenue";
  public static final String CHURNED = "churned";
  public static final String CHURN_DATE = "churn_date";
  public static final String SNAPSHOT_DATE = "snapshot_date";

  public static final List<Field> FIELDS =
      List.of(
          Field.required(CUSTOMER_ID, FieldType.ID),
          Field.optional(SEGMENT, FieldType.CATEGORY),
          Field.optional(PLAN, FieldType.CATEGORY),
          Field.optional(REGION, FieldType.CATEGORY),
          Field.optional(SIGNUP_DATE, FieldType.DATE),
          Field.optional(MONTHLY_REVENUE, FieldType.MONEY),
          Field.optional(CHURNED, FieldType.BOOLEAN),
          Field.optional(CHURN_DATE, FieldType.DATE),
          Field.optional(SNAPSHOT_DATE, FieldType.DATE));

  private CrmSchema() {}

  /** The contract for a run whose data must not be dated after {@code runDate}. */
  public static SourceContract contract(LocalDate runDate) {
    return new SourceContract(
        SOURCE,
        FIELDS,
        CUSTOMER_ID,
        runDate,
        c ->
            List.of(
                new RowRule(
                    "negative_" + MONTHLY_REVENUE, MONTHLY_REVENUE, c.apply(MONTHLY_REVENUE).lt(0)),
                new RowRule(
                    "churned_without_" + CHURN_DATE,
                    CHURN_DATE,
                    c.apply(CHURNED).equalTo(true).and(c.apply(CHURN_DATE).isNull())),
                dateRange(c.apply(SIGNUP_DATE), SIGNUP_DATE, runDate),
                dateRange(c.apply(CHURN_DATE), CHURN_DATE, runDate),
                dateRange(c.apply(SNAPSHOT_DATE), SNAPSHOT_DATE, runDate)));
  }

  static RowRule dateRange(org.apache.spark.sql.Column date, String column, LocalDate runDate) {
    return new RowRule(
        RejectReasons.outOfRange(column),
        column,
        date.lt(lit(java.sql.Date.valueOf(Bounds.EARLIEST_DATE)))
            .or(date.gt(lit(java.sql.Date.valueOf(runDate)))));
  }

  public static StructType schema() {
    return contract(LocalDate.of(2000, 1, 1)).schema();
  }
}
