package com.painpoint.jobs.generate;

import java.math.BigDecimal;

/** Formats crm.csv: RFC-4180 with a header, fields quoted only when they need it. */
final class CrmCsv {

  static final String HEADER =
      "customer_id,segment,plan,region,signup_date,monthly_revenue,churned,churn_date,"
          + "snapshot_date";

  private CrmCsv() {}

  static String line(CrmRecord r) {
    return String.join(
        ",",
        field(r.customerId()),
        field(r.segment()),
        field(r.plan()),
        field(r.region()),
        r.signupDate().toString(),
        BigDecimal.valueOf(r.monthlyRevenueCents(), 2).toPlainString(),
        Boolean.toString(r.churned()),
        r.churnDate() == null ? "" : r.churnDate().toString(),
        r.snapshotDate().toString());
  }

  /** Quotes a field containing a comma, quote or line break, doubling inner quotes. */
  static String field(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
