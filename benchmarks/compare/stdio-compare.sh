#!/usr/bin/env bash
# Publishes the Native AOT aimemory-stdio, installs the pinned Node.js reference memory server, and runs the stdio
# side-by-side comparison (StdioCompare). Arguments go to StdioCompare, for example --quick or --out FILE.
# Needs: the .NET SDK, clang and zlib1g-dev (for Native AOT), node and npm.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Publishing aimemory-stdio (Native AOT)..." >&2
dotnet publish "$root/samples/AiMemory.Samples.Stdio" -c Release -r linux-x64 -nologo -clp:ErrorsOnly -o "$here/out/stdio" >&2
echo "Installing the reference server..." >&2
(cd "$root/benchmarks/startup/reference" && npm install --no-audit --no-fund --silent >&2)
dotnet build "$here/StdioCompare" -c Release -nologo -clp:ErrorsOnly >&2

cd "$root"
dotnet "$here/StdioCompare/bin/Release/net10.0/AiMemory.Benchmarks.StdioCompare.dll" "$@"
