#!/usr/bin/env bash
# Measures how fast the stdio server returns its first tools/list result, and how much memory it holds when idle,
# side by side with the Node.js reference memory server (@modelcontextprotocol/server-memory).
#
# measure.py starts each server, sends initialize, waits for the result, sends notifications/initialized and
# tools/list, and stops the clock when the tools/list result has been read. It then leaves the server idle for one
# second and reads VmRSS and the CPU time used so far (user + system) from /proc. The CPU time depends less on other
# load on the machine than the elapsed time does. The runs go round-robin over the servers after one discarded
# warm-up round (it fills the page cache and creates the stores), and the medians are reported.
#
# Usage: benchmarks/startup/run.sh            (RUNS=11 by default; RUNS=21 benchmarks/startup/run.sh for more)
# Needs: the .NET SDK, clang and zlib1g-dev (for Native AOT), node and npm, python3.
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

export MEMORY_FILE_PATH="$work/reference-memory.jsonl"
servers=(
  "aimemory-stdio, Native AOT=$(printf '%q' "$out/native/aimemory-stdio")"
  "aimemory-stdio, ReadyToRun=dotnet $(printf '%q' "$out/readytorun/aimemory-stdio.dll")"
  "aimemory-stdio, JIT (dotnet build)=dotnet $(printf '%q' "$root/samples/AiMemory.Samples.Stdio/bin/Release/net10.0/aimemory-stdio.dll")"
  "Node.js @modelcontextprotocol/server-memory (reference)=node $(printf '%q' "$here/reference/node_modules/@modelcontextprotocol/server-memory/dist/index.js")"
)
STARTUP_STDERR="$work/stderr.log" python3 "$here/measure.py" "$runs" "${servers[@]}"
echo
echo "$runs runs each after one warm-up round, round-robin over the servers; $(nproc) cores; $(uname -m);" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); .NET SDK $(dotnet --version); Node.js $(node --version)."
echo
echo "Native AOT build, $(python3 "$here/idle-after-use.py" "$out/native/aimemory-stdio")."
