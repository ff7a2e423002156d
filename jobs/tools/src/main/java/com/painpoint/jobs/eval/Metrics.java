package com.painpoint.jobs.eval;

import java.util.List;

/** Classification metrics for the evaluation scripts: accuracy and macro-F1. */
public final class Metrics {
  private Metrics() {}

  public static double accuracy(List<Integer> gold, List<Integer> predicted) {
    int right = 0;
    for (int i = 0; i < gold.size(); i++) {
      if (gold.get(i).equals(predicted.get(i))) {
        right++;
      }
    }
    return gold.isEmpty() ? 0 : (double) right / gold.size();
  }

  /** Mean F1 over {@code classes} (a class never gold nor predicted scores 0). */
  public static double macroF1(List<Integer> gold, List<Integer> predicted, int classes) {
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < gold.size(); i++) {
        boolean g = gold.get(i) == c;
        boolean p = predicted.get(i) == c;
        if (g && p) {
          tp++;
        } else if (p) {
          fp++;
        } else if (g) {
          fn++;
        }
      }
      sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
    return sum / classes;
  }
}
