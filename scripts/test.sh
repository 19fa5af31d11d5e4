#!/usr/bin/env bash
# Builds the solution and runs every test project.
#
# PostgreSQL-backed tests read an Npgsql connection string from AIMEMORY_TEST_POSTGRES; the role needs
# the right to create databases. When the variable is unset, this script starts a throwaway server for
# the run (installing the server from the distribution's packages if it is missing) and removes it on exit.
#
# The last line is "N passed, N failed, N skipped", counted from the TRX results; the exit code is
# non-zero when any test failed or no test ran.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if [ -z "${AIMEMORY_TEST_POSTGRES:-}" ]; then
  # shellcheck source=scripts/throwaway-postgres.sh
  source "$root/scripts/throwaway-postgres.sh"
  start_throwaway_postgres
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build "$root/AiMemory.sln" -c Release -nologo -clp:ErrorsOnly

test_status=0
for project in "$root"/tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || test_status=$?
done

passed=0 failed=0 skipped=0 total=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() {
    local number
    number=$(echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p")
    echo "${number:-0}"
  }
  file_total=$(value total)
  file_passed=$(value passed)
  file_failed=$(($(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  total=$((total + file_total))
  passed=$((passed + file_passed))
  failed=$((failed + file_failed))
  # xunit's skipped tests are counted in the total only, not in a counter of their own.
  skipped=$((skipped + file_total - file_passed - file_failed))
done

# Repeat each failure with its message just above the summary, so that the tail of a long log names it.
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  awk '
    /<UnitTestResult / && /outcome="(Failed|Error|Timeout|Aborted)"/ {
      match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); failing = 1; next
    }
    /<\/UnitTestResult>/ { failing = 0; in_message = 0 }
    failing && /<Message>/ { in_message = 1; print "FAILED " name; lines = 0; sub(/.*<Message>/, "") }
    failing && in_message {
      end = sub(/<\/Message>.*/, "")
      if (lines++ < 8) print "  " $0
      if (end) in_message = 0
    }
  ' "$trx" | sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
done

if [ "$total" -eq 0 ]; then
  echo "No test ran." >&2
  failed=$((failed + 1))
fi
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $test_status although no test failed; a test host may have crashed." >&2
  failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
