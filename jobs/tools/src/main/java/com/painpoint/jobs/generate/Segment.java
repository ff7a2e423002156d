package com.painpoint.jobs.generate;

/** Customer segments of the synthetic business, with their share of customers. */
enum Segment {
  CONSUMER("consumer", 0.70),
  SMB("smb", 0.22),
  ENTERPRISE("enterprise", 0.08);

  final String id;
  final double share;

  Segment(String id, double share) {
    this.id = id;
    this.share = share;
  }
}
