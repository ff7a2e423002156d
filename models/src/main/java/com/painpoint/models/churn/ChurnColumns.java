package com.painpoint.models.churn;

/** Column names the churn model adds to a customer table. */
public final class ChurnColumns {
  /** The parsed label: 1.0 churned, 0.0 active. */
  public static final String LABEL = "churn_label";

  /** Per-row training weight that balances the two classes. */
  public static final String WEIGHT = "churn_weight";

  /** Which split a customer falls in: {@link #TRAIN}, {@link #VALIDATION} or {@link #TEST}. */
  public static final String SPLIT = "churn_split";

  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";
  public static final String TEST = "test";

  /** The scaled feature vector the classifiers read. */
  public static final String FEATURES = "churn_features";

  /** True on the validation rows of the table a candidate that stops early fits on. */
  public static final String IS_VALIDATION = "churn_is_validation";

  /** MLlib's outputs of the chosen classifier. */
  public static final String RAW_PREDICTION = "churn_raw_prediction";

  public static final String PROBABILITY = "churn_probability_vector";
  public static final String PREDICTION = "churn_prediction";

  /** The chosen classifier's margin (element 1 of its raw prediction), which calibration reads. */
  public static final String MARGIN = "churn_margin";

  /** The calibrator's outputs (Platt scaling of {@link #MARGIN}). */
  public static final String CALIBRATED_PROBABILITY = "churn_calibrated_vector";

  static final String CALIBRATED_RAW = "_churn_calibrated_raw";
  static final String CALIBRATED_PREDICTION = "_churn_calibrated_prediction";

  /** The predicted probability of churn, a double in [0, 1] (calibrated). */
  public static final String CHURN_PROBABILITY = "churn_probability";

  /** The category a blank categorical value becomes, so missing is learnt like any other value. */
  public static final String MISSING_CATEGORY = "(missing)";

  /** Internal intermediate columns of the feature stages. */
  static final String ASSEMBLED = "_churn_assembled";

  static final String INDEX_SUFFIX = "__index";
  static final String ONE_HOT_SUFFIX = "__onehot";
  static final String IMPUTED_SUFFIX = "__imputed";

  private ChurnColumns() {}
}
