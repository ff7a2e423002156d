package com.painpoint.jobs.generate;

/**
 * Derives independent random seeds from (run seed, customer index, stream), so each customer's
 * randomness depends on nothing else: not on partitioning, thread order or other customers.
 */
final class Seeds {

  /** Streams of one customer; separate streams keep e.g. feedback stable when sessions change. */
  static final long PROFILE = 1;

  static final long SESSIONS = 2;
  static final long FEEDBACK = 3;
  static final long ANONYMOUS = 4;
  static final long NOISE = 5;

  /** The planted initiative: which would-be payment errors the fix removes. */
  static final long INITIATIVE = 6;

  /** The planted path effect: which billing failures a customer takes to support right after. */
  static final long ESCALATION = 7;

  private Seeds() {}

  static long of(long seed, long index, long stream) {
    return splitMix(splitMix(splitMix(seed) + index) + stream * 0x632BE59BD9B4E019L);
  }

  /** The SplitMix64 finaliser: a bijective mix with good avalanche, so nearby inputs diverge. */
  static long splitMix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
