#!/usr/bin/env bash
# Measures how fast the stdio server responds to its first tools/list, and how much memory it holds when idle, side by
# side with the Node.js reference memory server (@modelcontextprotocol/server-memory).
#
# For each server the script starts the process, sends initialize, waits for its response, sends
# notifications/initialized and tools/list, and stops the clock at the tools/list response. It then leaves the server
# idle for one second and reads VmRSS and the CPU time used so far (user + system) from /proc. The CPU time depends
# less on other load on the machine than the elapsed time does. One warm-up run per server is discarded (it fills
# the page cache and creates the store), then RUNS runs are timed and the medians are reported.
#
# Usage: benchmarks/startup/run.sh            (RUNS=11 by default; RUNS=21 benchmarks/startup/run.sh for more)
# Needs: the .NET SDK, clang and zlib1g-dev (for Native AOT), node and npm.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${RUNS:-11}
out="$here/out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Building the servers..." >&2
dotnet build "$root/samples/AiMemory.Samples.Stdio" -c Release -nologo -clp:ErrorsOnly >&2
dotnet publish "$root/samples/AiMemory.Samples.Stdio" -c Release -r linux-x64 -nologo -clp:ErrorsOnly -o "$out/native" >&2
dotnet publish "$root/samples/AiMemory.Samples.Stdio" -c Release -r linux-x64 --self-contained false -nologo -clp:ErrorsOnly \
  -p:PublishAot=false -p:PublishReadyToRun=true -o "$out/readytorun" >&2
(cd "$here/reference" && npm install --no-audit --no-fund --silent >&2)

# The servers must not pick up the caller's settings or data: they get their own home and data folders.
unset API_KEY DATABASE_URL LOG_FILE LOG_LEVEL
export HOME="$work/home" XDG_DATA_HOME="$work/data"
mkdir -p "$HOME" "$XDG_DATA_HOME"

initialize='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"startup-benchmark","version":"1.0"}}}'
initialized='{"jsonrpc":"2.0","method":"notifications/initialized"}'
list_tools='{"jsonrpc":"2.0","id":2,"method":"tools/list"}'

# Reads server lines until the response to request id $1; fails after 30 seconds.
wait_for_response() {
  local line
  while IFS= read -r -t 30 -u "${SERVER[0]}" line; do
    case "$line" in *"\"id\":$1,"* | *"\"id\":$1}"*) return 0 ;; esac
  done
  echo "no response to request $1 within 30 seconds" >&2
  return 1
}

# Runs one measurement of the command in "$@"; prints "milliseconds rss_kilobytes cpu_milliseconds".
measure_once() {
  local start end pid rss cpu
  start=$EPOCHREALTIME
  coproc SERVER { exec "$@" 2>>"$work/stderr.log"; }
  pid=$SERVER_PID
  printf '%s\n' "$initialize" >&"${SERVER[1]}"
  wait_for_response 1
  printf '%s\n%s\n' "$initialized" "$list_tools" >&"${SERVER[1]}"
  wait_for_response 2
  end=$EPOCHREALTIME
  sleep 1
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  # Fields 14 and 15 of /proc/PID/stat are user and system time in clock ticks; the command name before them has no spaces here.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$pid/stat")
  exec {SERVER[1]}>&-
  wait "$pid" || true
  echo "$(( (${end/./} - ${start/./}) / 1000 )) $rss $cpu"
}

median() { sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'; }

# Measures a server: a discarded warm-up run, then $runs timed runs; prints a Markdown table row.
measure() {
  local name=$1
  shift
  measure_once "$@" >/dev/null
  local results=()
  for _ in $(seq "$runs"); do
    results+=("$(measure_once "$@")")
  done
  local milliseconds rss cpu all
  milliseconds=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)
  rss=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median)
  cpu=$(printf '%s\n' "${results[@]}" | cut -d' ' -f3 | median)
  all=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | sort -n | tr '\n' ' ')
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$milliseconds" "$cpu" "$(awk -v kb="$rss" 'BEGIN { printf "%.1f", kb / 1024 }')" "${all% }"
}

export MEMORY_FILE_PATH="$work/reference-memory.jsonl"
echo "| server | start to first tools/list, median ms | CPU time to idle, median ms | idle RSS, median MB | all runs, ms |"
echo "|---|---|---|---|---|"
measure "aimemory-stdio, Native AOT" "$out/native/aimemory-stdio"
measure "aimemory-stdio, ReadyToRun" dotnet "$out/readytorun/aimemory-stdio.dll"
measure "aimemory-stdio, JIT (dotnet build)" dotnet "$root/samples/AiMemory.Samples.Stdio/bin/Release/net10.0/aimemory-stdio.dll"
measure "Node.js @modelcontextprotocol/server-memory" node "$here/reference/node_modules/@modelcontextprotocol/server-memory/dist/index.js"
echo "$runs runs each after one warm-up run; $(nproc) cores; $(uname -m); load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  ".NET SDK $(dotnet --version); Node.js $(node --version)."
