package com.painpoint.jobs.eval;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.painpoint.features.config.PainpointException;
import com.painpoint.features.testing.SparkTestBase;
import com.painpoint.models.churn.ChurnModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/eval-churn's input errors: one line naming the file, the column and the value. */
class EvalChurnMainTest extends SparkTestBase {

  @TempDir static Path dir;

  static String csv(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  void aMissingFileFailsNamingIt() {
    String missing = dir.resolve("nope.csv").toString();
    assertThatThrownBy(() -> EvalChurnMain.requireFile(missing))
        .isInstanceOf(PainpointException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void aMissingLabelColumnFailsNamingFileAndColumns() throws IOException {
    String f = csv("no-label.csv", "id,tenure,Churned\na,1,Yes\nb,2,No\n");
    assertThatThrownBy(
            () -> EvalChurnMain.run(spark, f, "Churn", "id", ChurnModel.Settings.defaults()))
        .isInstanceOf(PainpointException.class)
        .hasMessage(f + ": column 'Churn' not found; columns: id, tenure, Churned");
  }

  @Test
  void anUnreadableLabelFailsNamingFileColumnAndValue() throws IOException {
    String f = csv("bad-label.csv", "id,tenure,Churn\na,1,Yes\nb,2,maybe\nc,3,No\n");
    assertThatThrownBy(
            () -> EvalChurnMain.run(spark, f, "Churn", "id", ChurnModel.Settings.defaults()))
        .isInstanceOf(PainpointException.class)
        .hasMessage(
            f
                + ": column 'Churn' has label 'maybe' in 1 row; expected Yes/No, true/false, 1/0"
                + " or churned/active");
  }
}
