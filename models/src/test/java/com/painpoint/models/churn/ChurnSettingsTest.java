package com.painpoint.models.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.ChurnOptions;
import com.painpoint.features.config.PainpointConfig;
import com.painpoint.features.config.PainpointException;
import java.util.List;
import org.apache.spark.ml.classification.GBTClassifier;
import org.junit.jupiter.api.Test;

/** The churn model's settings as the config's {@code churn:} section makes them. */
class ChurnSettingsTest {

  private static List<String> trials(ChurnModel.Settings s) {
    return ChurnModel.trials(s).stream().map(t -> t.modelName() + " " + t.params()).toList();
  }

  @Test
  void noConfigGivesTheSettingsTheChurnStageHasAlwaysUsed() {
    ChurnModel.Settings s = ChurnModel.Settings.from(PainpointConfig.parse("c.yaml", "").churn());
    assertThat(s).isEqualTo(ChurnModel.Settings.defaults());
    assertThat(s.seed()).isEqualTo(42L);
    assertThat(s.trainShare()).isEqualTo(0.6);
    assertThat(s.validationShare()).isEqualTo(0.2);
    assertThat(s.permutationImportance()).isTrue();
    // regParam {0, 0.01, 0.1} x elasticNet {0, 0.5} (one fit without regularisation), then 50
    // trees of depth 4 at step 0.2: the candidates and their order before the churn section.
    assertThat(trials(s))
        .containsExactly(
            "logistic_regression regParam=0.0 elasticNetParam=0.0",
            "logistic_regression regParam=0.01 elasticNetParam=0.0",
            "logistic_regression regParam=0.01 elasticNetParam=0.5",
            "logistic_regression regParam=0.1 elasticNetParam=0.0",
            "logistic_regression regParam=0.1 elasticNetParam=0.5",
            "gbt maxIter=50 maxDepth=4 stepSize=0.2 seed=42");
    GBTClassifier gbt = (GBTClassifier) ChurnModel.trials(s).get(5).estimator();
    // Every round by default: early stopping is opt-in (churn.gbt.validation_tol).
    assertThat(ChurnModel.trials(s).get(5).stopsEarly()).isFalse();
    assertThat(gbt.isSet(gbt.validationIndicatorCol())).isFalse();
    assertThat(gbt.getMaxIter()).isEqualTo(50);
    assertThat(gbt.getMaxDepth()).isEqualTo(4);
    assertThat(gbt.getStepSize()).isEqualTo(0.2);
    assertThat(gbt.getSeed()).isEqualTo(42L);
  }

  @Test
  void theChurnSectionChoosesFamiliesGridsAndBoosting() {
    ChurnOptions churn =
        PainpointConfig.parse(
                "c.yaml",
                """
                churn:
                  models: [gbt]
                  gbt: {max_depths: [3, 5], max_iter: 20, step_size: 0.1, validation_tol: 0.002}
                  permutation_importance: false
                """)
            .churn();
    ChurnModel.Settings s = ChurnModel.Settings.from(churn);
    assertThat(trials(s))
        .containsExactly(
            "gbt maxIter=20 maxDepth=3 stepSize=0.1 seed=42 validationTol=0.002",
            "gbt maxIter=20 maxDepth=5 stepSize=0.1 seed=42 validationTol=0.002");
    // validation_tol > 0: boosting watches the validation rows, told apart by their indicator.
    assertThat(ChurnModel.trials(s).get(0).stopsEarly()).isTrue();
    GBTClassifier stopping = (GBTClassifier) ChurnModel.trials(s).get(0).estimator();
    assertThat(stopping.getValidationIndicatorCol()).isEqualTo(ChurnColumns.IS_VALIDATION);
    assertThat(stopping.getValidationTol()).isEqualTo(0.002);
    assertThat(s.permutationImportance()).isFalse();

    ChurnModel.Settings lr =
        ChurnModel.Settings.from(
            PainpointConfig.parse(
                    "c.yaml",
                    "churn: {models: [logistic_regression],"
                        + " logistic_regression: {reg_params: [0.05], elastic_net_params: [1]}}\n")
                .churn());
    assertThat(trials(lr)).containsExactly("logistic_regression regParam=0.05 elasticNetParam=1.0");
  }

  @Test
  void familiesAreTriedInAFixedOrderSoATieAlwaysGoesTheSameWay() {
    ChurnOptions churn =
        PainpointConfig.parse("c.yaml", "churn: {models: [gbt, logistic_regression]}\n").churn();
    assertThat(churn.models()).containsExactly("logistic_regression", "gbt");
    assertThat(ChurnModel.Settings.from(churn)).isEqualTo(ChurnModel.Settings.defaults());
  }

  @Test
  void settingsWithoutAFamilyToTryAreRefused() {
    ChurnOptions none =
        new ChurnOptions(
            List.of(),
            ChurnOptions.LogisticRegressionOptions.DEFAULTS,
            ChurnOptions.GbtOptions.DEFAULTS,
            true);
    assertThatThrownBy(() -> ChurnModel.Settings.from(none))
        .isInstanceOf(PainpointException.class)
        .hasMessage("churn: no model family to try");
  }
}
