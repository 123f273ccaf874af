#!/usr/bin/env bash
# A user's own application, outside this repository, depends on the starter and runs a job.
#
# 1. Installs the published modules (parent, autoconfigure, starter) into the local Maven
#    repository, as `./mvnw install` would for a user trying a snapshot.
# 2. Copies the template src/it/external-app to target/external-app with a Maven wrapper and a
#    .mvn of its own, so nothing of this build (its reactor, its poms) is in reach: the app sees
#    the starter only as dev.jobs:jobs-spring-boot-starter:<version> in ~/.m2.
# 3. Builds it into an executable jar and runs it against RabbitMQ on 5672 and Redis on 6379:
#    it enqueues one job, a worker in the same JVM runs it, and the app exits 0 only if the
#    result came back. The job's line is checked in the output too.
#
# Needs both services running (.ci/run starts them). MAVEN_ARGS passes options to both builds.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The project's own version: the one <version> of the root pom at the top level.
version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -1)
echo "external-app: installing jobs-spring-boot-starter $version into the local Maven repository"
./mvnw -q install -DskipTests -pl jobs-spring-boot-starter -am

app=target/external-app
rm -rf "$app"
mkdir -p target
cp -R src/it/external-app "$app"
mkdir -p "$app/.mvn"
cp -R .mvn/wrapper "$app/.mvn/"
cp mvnw "$app/"

echo "external-app: building $app against dev.jobs:jobs-spring-boot-starter:$version"
(cd "$app" && ./mvnw -q package -Djobs.version="$version")

echo "external-app: running one job"
log="$app/run.log"
status=0
timeout 120 java -jar "$app/target/greetings.jar" >"$log" 2>&1 || status=$?
if [[ $status -ne 0 ]] || ! grep -q '^greetings: job .* SUCCESS: Hello, outside' "$log"; then
  cat "$log"
  echo "external-app: FAILED (exit $status)"
  exit 1
fi
grep '^greetings: job' "$log"
echo "external-app: 1 passed, 0 failed"
