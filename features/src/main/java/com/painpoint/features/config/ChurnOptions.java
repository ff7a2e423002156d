package com.painpoint.features.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Options of the churn model: which model families compete on validation ROC AUC, the parameter
 * grid each one tries, and whether the run measures each touchpoint's permutation importance.
 *
 * @param models the families tried, in the order they are tried (logistic regression first, so it
 *     wins a tie): {@link #LOGISTIC_REGRESSION} and/or {@link #GBT}
 * @param logisticRegression the logistic regression grid (used when it is in {@code models})
 * @param gbt the gradient-boosted trees grid and boosting (used when it is in {@code models})
 * @param permutationImportance measure, per touchpoint, how much the chosen model's test ROC AUC
 *     drops when the touchpoint's features are shuffled (one scoring pass per touchpoint)
 */
public record ChurnOptions(
    List<String> models,
    LogisticRegressionOptions logisticRegression,
    GbtOptions gbt,
    boolean permutationImportance)
    implements Serializable {

  public static final String LOGISTIC_REGRESSION = "logistic_regression";
  public static final String GBT = "gbt";

  /** Families in the order they are tried. */
  private static final List<String> FAMILIES = List.of(LOGISTIC_REGRESSION, GBT);

  /**
   * Logistic regression (class-weighted) tries every strength with every L1 share.
   *
   * @param regParams regularisation strengths tried (each >= 0)
   * @param elasticNetParams L1 shares tried with each non-zero strength (each in [0, 1]; with no
   *     regularisation the share changes nothing, so it is tried once)
   */
  public record LogisticRegressionOptions(List<Double> regParams, List<Double> elasticNetParams)
      implements Serializable {
    public static final LogisticRegressionOptions DEFAULTS =
        new LogisticRegressionOptions(List.of(0.0, 0.01, 0.1), List.of(0.0, 0.5));

    public LogisticRegressionOptions {
      regParams = List.copyOf(regParams);
      elasticNetParams = List.copyOf(elasticNetParams);
    }

    /** Binds {@code churn.logistic_regression}: absent keys take the defaults. */
    @JsonCreator
    static LogisticRegressionOptions fromYaml(
        @JsonProperty("reg_params") List<Double> regParams,
        @JsonProperty("elastic_net_params") List<Double> elasticNetParams) {
      return new LogisticRegressionOptions(
          grid(
              "reg_params",
              regParams,
              DEFAULTS.regParams(),
              v -> v >= 0 && Double.isFinite(v),
              "numbers >= 0"),
          grid(
              "elastic_net_params",
              elasticNetParams,
              DEFAULTS.elasticNetParams(),
              v -> v >= 0 && v <= 1,
              "numbers between 0 and 1"));
    }
  }

  /**
   * Gradient-boosted trees: one model per tree depth, each with the same boosting.
   *
   * @param maxDepths tree depths tried (each 1–30, MLlib's limit)
   * @param maxIter boosting rounds at most: each is several small Spark jobs, so rounds are the
   *     model's fixed cost
   * @param stepSize learning rate, in (0, 1]
   * @param validationTol early stopping on the validation split (MLlib's {@code validationTol}):
   *     boosting stops at the first round whose validation log loss improves on the best so far by
   *     less than this share of it, and keeps the rounds up to the best; 0 turns early stopping off
   *     (every round is boosted and kept)
   */
  public record GbtOptions(
      List<Integer> maxDepths, int maxIter, double stepSize, double validationTol)
      implements Serializable {
    /**
     * Depth 4, 50 rounds at step 0.2 (50 rounds at 0.2 matched 100 at 0.1 on validation,
     * 16k-customer bench night: ROC AUC 0.8561 against 0.8553, in half the time), every round kept:
     * MLlib's early stopping ends at the first round that does not improve (no patience), which on
     * the 200k-customer night kept 25 rounds and cost 0.006 of test ROC AUC (README).
     */
    public static final GbtOptions DEFAULTS = new GbtOptions(List.of(4), 50, 0.2, 0.0);

    public GbtOptions {
      maxDepths = List.copyOf(maxDepths);
    }

    /** Whether boosting watches the validation split and stops early. */
    public boolean stopsEarly() {
      return validationTol > 0;
    }

    /** Binds {@code churn.gbt}: absent keys take the defaults. */
    @JsonCreator
    static GbtOptions fromYaml(
        @JsonProperty("max_depths") List<Integer> maxDepths,
        @JsonProperty("max_iter") Integer maxIter,
        @JsonProperty("step_size") Double stepSize,
        @JsonProperty("validation_tol") Double validationTol) {
      GbtOptions o =
          new GbtOptions(
              grid(
                  "max_depths",
                  maxDepths,
                  DEFAULTS.maxDepths(),
                  v -> v >= 1 && v <= 30,
                  "whole numbers between 1 and 30"),
              requireNonNullElse(maxIter, DEFAULTS.maxIter()),
              requireNonNullElse(stepSize, DEFAULTS.stepSize()),
              requireNonNullElse(validationTol, DEFAULTS.validationTol()));
      if (o.maxIter() < 1) {
        throw new InvalidConfigValue("max_iter", "must be at least 1, got " + o.maxIter());
      }
      if (!(o.stepSize() > 0 && o.stepSize() <= 1)) {
        throw new InvalidConfigValue("step_size", "must be in (0, 1], got " + o.stepSize());
      }
      if (!(o.validationTol() >= 0 && o.validationTol() < 1)) {
        throw new InvalidConfigValue(
            "validation_tol", "must be in [0, 1) (0: no early stopping), got " + o.validationTol());
      }
      return o;
    }
  }

  /**
   * Both families, regParam {0, 0.01, 0.1} x elasticNet {0, 0.5}, trees of depth 4 with 50 rounds
   * at step 0.2, permutation importance measured: the settings the churn stage has always used.
   */
  public static final ChurnOptions DEFAULTS =
      new ChurnOptions(FAMILIES, LogisticRegressionOptions.DEFAULTS, GbtOptions.DEFAULTS, true);

  public ChurnOptions {
    models = List.copyOf(models);
  }

  /** True when {@code family} ({@link #LOGISTIC_REGRESSION} or {@link #GBT}) is tried. */
  public boolean tries(String family) {
    return models.contains(family);
  }

  /** Binds the config's {@code churn:} section: absent keys take the defaults. */
  @JsonCreator
  static ChurnOptions fromYaml(
      @JsonProperty("models") List<String> models,
      @JsonProperty("logistic_regression") LogisticRegressionOptions logisticRegression,
      @JsonProperty("gbt") GbtOptions gbt,
      @JsonProperty("permutation_importance") Boolean permutationImportance) {
    List<String> families = DEFAULTS.models();
    if (models != null) {
      if (models.isEmpty()) {
        throw new InvalidConfigValue(
            "models", "must name at least one of logistic_regression, gbt; got []");
      }
      for (String m : models) {
        if (!FAMILIES.contains(m)) {
          throw new InvalidConfigValue(
              "models", "must hold logistic_regression and/or gbt; got '" + m + "'");
        }
        if (models.indexOf(m) != models.lastIndexOf(m)) {
          throw new InvalidConfigValue("models", "names '" + m + "' twice");
        }
      }
      // Tried in a fixed order whatever the order written, so a tie always goes the same way.
      families = FAMILIES.stream().filter(models::contains).toList();
    }
    return new ChurnOptions(
        families,
        requireNonNullElse(logisticRegression, LogisticRegressionOptions.DEFAULTS),
        requireNonNullElse(gbt, GbtOptions.DEFAULTS),
        requireNonNullElse(permutationImportance, DEFAULTS.permutationImportance()));
  }

  private static <T> List<T> grid(
      String key, List<T> values, List<T> fallback, Predicate<T> valid, String what) {
    if (values == null) {
      return fallback;
    }
    if (values.isEmpty()) {
      throw new InvalidConfigValue(key, "must hold at least one value; got []");
    }
    List<T> out = new ArrayList<>();
    for (T v : values) {
      if (v == null || !valid.test(v)) {
        throw new InvalidConfigValue(key, "must hold " + what + "; got " + v);
      }
      if (out.contains(v)) {
        throw new InvalidConfigValue(key, "holds " + v + " twice");
      }
      out.add(v);
    }
    return out;
  }
}
