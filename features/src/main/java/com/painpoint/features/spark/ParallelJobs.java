package com.painpoint.features.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Runs independent pieces of driver work (each one or more Spark jobs over small cached data, such
 * as one model fit) side by side, so a stage whose jobs each use a single task keeps every core of
 * the session busy. Results come back in input order whatever order the pieces finish in, so
 * anything chosen from them (the best candidate, a ranking) is the same as a run one by one.
 */
public final class ParallelJobs {
  private ParallelJobs() {}

  /**
   * {@code work} applied to each item, at most as many at a time as the session has cores (one at a
   * time on a one-core session, or when there is one item). The first failure is rethrown as is
   * when it is unchecked; the other pieces are cancelled.
   */
  public static <T, R> List<R> map(SparkSession spark, List<T> items, Function<T, R> work) {
    int threads = Math.min(items.size(), Math.max(1, spark.sparkContext().defaultParallelism()));
    if (threads <= 1) {
      return items.stream().map(work).toList();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "painpoint-parallel-jobs");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>(items.size());
      for (Future<R> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for parallel Spark jobs", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
