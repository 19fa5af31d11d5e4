#!/usr/bin/env bash
# Builds the AiMemory HTTPS sample and the bare Kestrel endpoint in Release, then runs the HTTPS side-by-side
# comparison (HttpCompare). Arguments go to HttpCompare, for example --quick or --out FILE.
# Needs: the .NET SDK. Traffic goes to 127.0.0.1 only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Building the servers and the client..." >&2
for project in "$root/samples/AiMemory.Samples.Https" "$here/BareKestrel" "$here/HttpCompare"; do
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >&2
done

cd "$root"
dotnet "$here/HttpCompare/bin/Release/net10.0/AiMemory.Benchmarks.HttpCompare.dll" "$@"
