package com.painpoint.jobs.generate;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Generates a deterministic synthetic data set (CRM, feedback, clickstream, taxonomy) with planted
 * pain points and the ground truth the engine should recover from it.
 *
 * <p>Usage: {@code scripts/generate-data --customers N --seed S --out DIR [options]}; see {@link
 * GeneratorOptions#USAGE}.
 */
public final class GenerateDataMain {

  private GenerateDataMain() {}

  public static void main(String[] args) {
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      System.out.println(GeneratorOptions.USAGE);
      return;
    }
    if (args.length > 0 && "--stats".equals(args[0])) {
      int code = FeedbackStats.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      if (code != 0) {
        System.exit(code);
      }
      return;
    }
    GeneratorOptions options;
    try {
      options = GeneratorOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("generate-data: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("painpoint-generate-data")
            .config("spark.sql.session.timeZone", "UTC");
    // spark-submit sets spark.master; only a plain java launch gets the embedded default.
    if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    int exit = 0;
    try {
      DataGenerator.Result result = DataGenerator.run(spark, options);
      System.out.printf(
          "generate-data: wrote %d CRM rows, %d feedback rows, %d events to %s%n",
          result.crmRows(), result.feedbackRows(), result.events(), options.out());
    } catch (RuntimeException e) {
      System.err.println("generate-data: failed: " + e);
      exit = 1;
    } finally {
      spark.stop();
    }
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
