package com.painpoint.jobs.generate;

/** Subscription plans with their list price in cents. */
enum Plan {
  BASIC("basic", 1900),
  PLUS("plus", 3900),
  PRO("pro", 7900),
  BUSINESS("business", 24900);

  final String id;
  final long listPriceCents;

  Plan(String id, long listPriceCents) {
    this.id = id;
    this.listPriceCents = listPriceCents;
  }
}
