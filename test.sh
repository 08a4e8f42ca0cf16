#!/usr/bin/env bash
# Runs every test of the solution (unit, integration over HTTP on SQLite and again on PostgreSQL,
# browser with Chromium) and ends with one line: "Tests: N passed, N failed". Installs Debian's
# chromium and postgresql when missing; starts a throw-away PostgreSQL (.ci/postgres.sh) and stops it at the end.
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && [ -z "${STUDENKA_CHROMIUM:-}" ]; then
  echo "chromium not found; installing Debian's chromium for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq chromium >/dev/null || echo "warning: could not install chromium; browser tests will fail"
fi

# shellcheck source=.ci/postgres.sh
source .ci/postgres.sh
trap postgres_stop EXIT
postgres_start || echo "warning: PostgreSQL did not start; the PostgreSQL tests will fail"

results="TestResults"
rm -rf "$results"
status=0
dotnet build Studenka.sln "$@" || status=$?
if [ "$status" -eq 0 ]; then
  # One named result file per project: parallel runs cannot overwrite each other's counts.
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
    dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=$?
    if [ "$name" = "Studenka.Umbraco.Site.IntegrationTests" ]; then
      # The same suite on the shared engine: one switch, its own result file so the counts add up.
      STUDENKA_TEST_ENGINE=PostgreSql dotnet test "$project" --no-build --logger "trx;LogFileName=$name.PostgreSql.trx" --results-directory "$results" "$@" || status=$?
    fi
  done
fi

# The backoffice extension's unit tests (vitest, Studenka.Umbraco.Notifications/Client): node_modules
# comes from the build's npm ci; without it (e.g. -p:SkipClientBuild=true) install it here.
client="Studenka.Umbraco.Notifications/Client"
if [ ! -d "$client/node_modules" ]; then
  (cd "$client" && npm ci --no-audit --no-fund) || status=$?
fi
(cd "$client" && npx vitest run --reporter=default --reporter=junit --outputFile.junit="../../$results/Client.vitest.xml") || status=$?

passed=0
failed=0
for junit in "$results"/*.vitest.xml; do
  [ -f "$junit" ] || continue
  counters=$(grep -o '<testsuites [^>]*>' "$junit" | head -1)
  t=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$counters")
  s=$(grep -o '<skipped' "$junit" | wc -l)
  passed=$((passed + ${t:-0} - ${f:-0} - ${e:-0} - s))
  failed=$((failed + ${f:-0} + ${e:-0}))
done
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before reporting: count it, never report green.
  echo "A test run exited with $status without a failing test result (build, test-host or vitest failure)."
  failed=1
fi

echo "Tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
