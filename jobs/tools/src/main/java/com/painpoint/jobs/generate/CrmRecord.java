package com.painpoint.jobs.generate;

import java.time.LocalDate;

/** One line of crm.csv as written (bad rows included), revenue in cents. */
record CrmRecord(
    String customerId,
    String segment,
    String plan,
    String region,
    LocalDate signupDate,
    long monthlyRevenueCents,
    boolean churned,
    LocalDate churnDate,
    LocalDate snapshotDate) {}
