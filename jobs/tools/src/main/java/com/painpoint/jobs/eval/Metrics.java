package com.painpoint.jobs.eval;

import java.util.List;

/** Classification metrics for the evaluation scripts: accuracy, macro-F1, calibration error. */
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

  /**
   * Expected calibration error of the top class: texts are put in {@code bins} equal-width bins of
   * their highest probability; the error is the text-weighted mean gap between a bin's mean top
   * probability and the share of its texts whose top class is the gold one.
   */
  public static double expectedCalibrationError(
      List<Integer> gold, List<double[]> probabilities, int bins) {
    double[] confidence = new double[bins];
    double[] correct = new double[bins];
    int[] count = new int[bins];
    for (int i = 0; i < gold.size(); i++) {
      double[] p = probabilities.get(i);
      int top = 0;
      for (int c = 1; c < p.length; c++) {
        if (p[c] > p[top]) {
          top = c;
        }
      }
      int bin = Math.min(bins - 1, (int) (p[top] * bins));
      confidence[bin] += p[top];
      correct[bin] += top == gold.get(i) ? 1 : 0;
      count[bin]++;
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        ece += Math.abs(confidence[b] - correct[b]) / gold.size();
      }
    }
    return ece;
  }
}
