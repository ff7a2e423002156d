package com.painpoint.jobs.generate;

/** Tenure bands the churn base rate depends on (new customers churn more). */
enum TenureBand {
  NEW("0-6m"),
  MID("6-24m"),
  LONG("24m+");

  final String id;

  TenureBand(String id) {
    this.id = id;
  }

  static TenureBand of(long tenureDays) {
    if (tenureDays < 183) {
      return NEW;
    }
    return tenureDays <= 730 ? MID : LONG;
  }
}
