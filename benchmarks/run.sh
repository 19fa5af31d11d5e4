#!/usr/bin/env bash
# Runs every benchmark of the repository in one go and records the results:
#
#   1. the stdio side-by-side with the Node.js reference memory server (benchmarks/compare/stdio-compare.sh),
#   2. the HTTPS side-by-side with a bare Kestrel endpoint (benchmarks/compare/http-compare.sh),
#   3. the stdio start-up benchmark (benchmarks/startup/run.sh),
#   4. the store growth benchmark (the `growth` command of AiMemory.Benchmarks), skipped where that command is missing,
#   5. the BenchmarkDotNet suites: security and HTTP host with the short job, the store suites with their own
#      latency and batch jobs (StoreBenchmarkConfig.cs).
#
# A throwaway PostgreSQL server (scripts/throwaway-postgres.sh) runs for the whole script and is stopped on exit; the
# steps get its connection string in AIMEMORY_BENCH_POSTGRES. Set AIMEMORY_BENCH_POSTGRES beforehand to use another
# server instead.
#
# Results go to benchmarks/results/, one file per step plus the logs in benchmarks/results/logs/. The block between
# the results markers in benchmarks/README.md is then rewritten with the date, the machine and every result table.
#
# Usage: bash benchmarks/run.sh [--quick | --report-only]
#   --quick        smaller counts and a BenchmarkDotNet subset with the dry job. Results go to benchmarks/results/quick/
#                  (not kept in git), and the README is not changed.
#   --report-only  run nothing, only rewrite the README block from the files already in benchmarks/results/
#
# Every step runs under a time limit (timeout), and no step starts or runs past 70 minutes into the run (15 minutes
# with --quick). Needs: the .NET SDK, clang and zlib1g-dev (Native AOT), node and npm, python3 (for the start-up
# benchmark), and PostgreSQL server binaries.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

mode=full
case "${1:-}" in
  "") ;;
  --quick) mode=quick ;;
  --report-only) mode=report ;;
  *)
    echo "Unknown option '$1'. Usage: bash benchmarks/run.sh [--quick | --report-only]" >&2
    exit 2
    ;;
esac

results="$root/benchmarks/results"
budget_seconds=$((70 * 60))
if [ "$mode" = quick ]; then
  results="$root/benchmarks/results/quick"
  budget_seconds=$((15 * 60))
fi
logs="$results/logs"
mkdir -p "$results" "$logs"
durations="$results/durations.md"
run_started=$SECONDS

# Runs one step with a time limit: run_step NAME LIMIT_SECONDS OUTPUT_FILE|- COMMAND...
# The command's output goes to the log (and to OUTPUT_FILE when given). A failed or timed-out step is recorded and the
# run goes on with the next one.
run_step() {
  local name=$1 limit=$2 output=$3
  shift 3
  local remaining=$((budget_seconds - (SECONDS - run_started)))
  if [ "$remaining" -lt 60 ]; then
    echo "== $name: skipped, the run's time budget is used up" >&2
    printf '| %s | skipped: time budget used up | - |\n' "$name" >>"$durations"
    return 0
  fi
  if [ "$limit" -gt "$remaining" ]; then
    limit=$remaining
  fi

  local log="$logs/$name.log" started=$SECONDS status=0
  echo "== $name (at most $((limit / 60)) min; log: ${log#"$root"/})" >&2
  if [ "$output" = "-" ]; then
    timeout -k 30 "$limit" "$@" >"$log" 2>&1 </dev/null || status=$?
  else
    : >"$log"
    timeout -k 30 "$limit" "$@" 2>>"$log" </dev/null | tee -a "$log" >"$output" || status=$?
  fi

  local elapsed=$((SECONDS - started)) outcome=ok
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    outcome="timed out after $limit s"
  elif [ "$status" -ne 0 ]; then
    outcome="failed (exit code $status); see the log"
  fi
  echo "   $name: $outcome, $((elapsed / 60)) min $((elapsed % 60)) s" >&2
  printf '| %s | %s | %d min %d s |\n' "$name" "$outcome" $((elapsed / 60)) $((elapsed % 60)) >>"$durations"
}

machine_info() {
  local cpu memory os
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
  os=$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s)
  echo "- CPU: ${cpu:-unknown}, $(nproc) logical cores"
  echo "- Memory: ${memory:-unknown}"
  echo "- OS: $os ($(uname -m))"
  echo "- .NET SDK: $(dotnet --version 2>/dev/null || echo unknown)"
  echo "- Node.js: $(node --version 2>/dev/null || echo unknown)"
  echo "- Load average when the report was written (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
}

# Prints a result file under a heading, or a line stating that the file is missing.
include_result() {
  local title=$1 file=$2
  echo "### $title"
  echo
  if [ -s "$file" ]; then
    # The result pages carry a heading of their own, which the section heading above replaces, and their other
    # headings move below it. A text line right after a table gets a blank line before it, or Markdown would render it
    # as one more table row.
    sed -E '1{/^#+ /d}' "$file" | sed '1{/^$/d}' | sed -E 's/^#{1,3} /#### /' |
      awk '{ if (previous ~ /^\|/ && $0 != "" && $0 !~ /^\|/) print ""; print; previous = $0 }'
  else
    echo "No result: ${file#"$root"/} is missing or empty."
  fi
  echo
}

# Writes the results block: the date, the machine, the step durations and every result table.
write_summary() {
  local summary=$1
  {
    echo "## Latest results"
    echo
    if [ "$mode" = report ]; then
      echo "Rebuilt by \`bash benchmarks/run.sh --report-only\` on $(date -u '+%Y-%m-%d %H:%M') UTC from the files in" \
        "\`benchmarks/results/\`. The comparison tables give the date and machine of their own runs."
    else
      echo "Written by \`bash benchmarks/run.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC. Raw outputs are in \`benchmarks/results/\`."
    fi
    echo
    machine_info
    echo
    if [ -s "$durations" ]; then
      echo "| step | outcome | duration |"
      echo "|---|---|---|"
      cat "$durations"
      echo
    fi
    include_result "Stdio: AiMemory against the Node.js reference memory server" "$results/stdio-compare.md"
    include_result "HTTPS: AiMemory HTTP host against a bare Kestrel ceiling" "$results/http-compare.md"
    include_result "Stdio start-up (benchmarks/startup/run.sh)" "$results/startup.md"
    local growth found=0
    for growth in "$results"/growth*.md; do
      [ -e "$growth" ] || continue
      found=1
      include_result "Store growth ($(basename "$growth"))" "$growth"
    done
    [ "$found" -eq 1 ] || include_result "Store growth" "$results/growth.md"
    local report found_reports=0
    for report in "$results"/benchmarkdotnet/results/*-report-github.md; do
      [ -e "$report" ] || continue
      found_reports=1
      local suite
      suite=$(basename "$report" -report-github.md)
      include_result "BenchmarkDotNet: ${suite##*.}" "$report"
    done
    if [ "$found_reports" -eq 0 ]; then
      printf '### BenchmarkDotNet\n\nNo result: %s has no reports.\n\n' "${results#"$root"/}/benchmarkdotnet/results/"
    fi
  } >"$summary"
}

# Replaces the lines between the results markers of benchmarks/README.md with the file given.
splice_readme() {
  local summary=$1 readme="$root/benchmarks/README.md"
  if ! grep -q '^<!-- results:begin -->$' "$readme" || ! grep -q '^<!-- results:end -->$' "$readme"; then
    echo "benchmarks/README.md has no '<!-- results:begin -->' and '<!-- results:end -->' lines; the README was not changed." >&2
    return 1
  fi
  awk -v summary="$summary" '
    /^<!-- results:begin -->$/ { print; while ((getline line < summary) > 0) print line; skipping = 1; next }
    /^<!-- results:end -->$/ { skipping = 0 }
    !skipping { print }
  ' "$readme" >"$readme.new"
  mv "$readme.new" "$readme"
  echo "Rewrote the results block of benchmarks/README.md." >&2
}

if [ "$mode" = report ]; then
  write_summary "$results/summary.md"
  splice_readme "$results/summary.md"
  exit 0
fi

: >"$durations"

if [ -z "${AIMEMORY_BENCH_POSTGRES:-}" ]; then
  # shellcheck source=scripts/throwaway-postgres.sh
  source "$root/scripts/throwaway-postgres.sh"
  # Benchmarks measure PostgreSQL with its durable defaults, as on a real server.
  THROWAWAY_PG_DURABLE=1 start_throwaway_postgres
  export AIMEMORY_BENCH_POSTGRES="$AIMEMORY_TEST_POSTGRES"
fi

bdn=(dotnet run -c Release --project benchmarks/AiMemory.Benchmarks --)
dotnet build benchmarks/AiMemory.Benchmarks -c Release -nologo -clp:ErrorsOnly >&2
bdn_no_build=(dotnet run -c Release --no-build --project benchmarks/AiMemory.Benchmarks --)
artifacts=(--artifacts "$results/benchmarkdotnet")

if [ "$mode" = quick ]; then
  run_step stdio-compare 600 - bash benchmarks/compare/stdio-compare.sh --quick --out "$results/stdio-compare.md"
  run_step http-compare 600 - bash benchmarks/compare/http-compare.sh --quick --out "$results/http-compare.md"
  run_step startup 720 "$results/startup.md" env RUNS=3 bash benchmarks/startup/run.sh
else
  run_step stdio-compare 600 - bash benchmarks/compare/stdio-compare.sh --out "$results/stdio-compare.md"
  run_step http-compare 600 - bash benchmarks/compare/http-compare.sh --out "$results/http-compare.md"
  run_step startup 720 "$results/startup.md" bash benchmarks/startup/run.sh
fi

# The growth command lives in AiMemory.Benchmarks once it exists. Without it, BenchmarkDotNet would take "growth" as
# an unknown argument, so the step is skipped with a message instead.
if grep -rqs --include='*.cs' '"growth"' benchmarks/AiMemory.Benchmarks; then
  growth_args=(growth --out "$results")
  [ "$mode" = quick ] && growth_args+=(--quick)
  rm -f "$results/growth.md" "$results/growth.csv"
  run_step growth 1800 - "${bdn[@]}" "${growth_args[@]}"
  # The command rewrites growth.csv after every size but writes growth.md only at the end. When the time limit
  # stopped it, the report is made from the sizes that finished.
  if [ ! -s "$results/growth.md" ] && [ -s "$results/growth.csv" ] &&
    grep -rqs --include='*.cs' -- '--from-csv' benchmarks/AiMemory.Benchmarks; then
    run_step growth-report 120 - "${bdn_no_build[@]}" growth --from-csv "$results/growth.csv" --out "$results"
  fi
else
  echo "== growth: skipped, AiMemory.Benchmarks has no 'growth' command in this checkout" >&2
  printf '| growth | skipped: AiMemory.Benchmarks has no growth command | - |\n' >>"$durations"
fi

if [ "$mode" = quick ]; then
  run_step benchmarkdotnet-security 600 - "${bdn_no_build[@]}" --filter '*SecurityRateLimiterBenchmarks*' --job dry "${artifacts[@]}"
  run_step benchmarkdotnet-store 600 - "${bdn_no_build[@]}" --filter '*StoreWriteBenchmarks*' "${artifacts[@]}"
else
  run_step benchmarkdotnet-security-http 900 - "${bdn_no_build[@]}" --filter '*Security*' '*HttpHostBenchmarks*' --job short "${artifacts[@]}"
  run_step benchmarkdotnet-store 900 - "${bdn_no_build[@]}" --filter '*Store*' "${artifacts[@]}"
fi

total=$((SECONDS - run_started))
echo "All steps done in $((total / 60)) min $((total % 60)) s." >&2
printf '| total | | %d min %d s |\n' $((total / 60)) $((total % 60)) >>"$durations"

write_summary "$results/summary.md"
if [ "$mode" = full ]; then
  splice_readme "$results/summary.md"
else
  echo "Quick run: the README was left as it is; the block it would get is in ${results#"$root"/}/summary.md." >&2
fi
