#!/usr/bin/env bash
# Runs the HTTPS sample (aimemory-https) on 127.0.0.1 over a fresh SQLite store and sends it a mixed load near its
# rate limit for a bounded time: REST list, REST store, REST search and MCP search_memories, from one key. Every
# second the number of requests sent alternates between below and above the key's quota, so some answers must be
# 429 and every other answer must succeed. The server's resident memory is sampled every 5 seconds.
#
#   bash benchmarks/load/mixed-load.sh [--seconds 180] [--limit 40] [--concurrency 8]
#
# --seconds is at most 600; the quota is --limit requests per 1-second window, and each second sends 3/4 or 5/4 of
# it. Prints status counts, latency percentiles (all answers and 2xx only) and the memory samples, and exits non-zero
# when any answer was neither 2xx nor 429. Needs curl 7.66 or later (for --parallel) and a built .NET SDK.
set -euo pipefail

seconds=180 limit=40 concurrency=8
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    *) echo "Unknown option: $1" >&2; exit 2 ;;
  esac
done
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 5 ] || [ "$seconds" -gt 600 ]; then
  echo "--seconds must be from 5 to 600." >&2; exit 2
fi
if ! [[ "$limit" =~ ^[0-9]+$ ]] || [ "$limit" -lt 4 ] || [ "$limit" -gt 1000 ]; then
  echo "--limit must be from 4 to 1000." >&2; exit 2
fi
if ! [[ "$concurrency" =~ ^[0-9]+$ ]] || [ "$concurrency" -lt 1 ] || [ "$concurrency" -gt 64 ]; then
  echo "--concurrency must be from 1 to 64." >&2; exit 2
fi

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/aimemory-mixed-load.XXXXXX")
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/samples/AiMemory.Samples.Https" -c Release -nologo -clp:ErrorsOnly >/dev/null
sample="$root/samples/AiMemory.Samples.Https/bin/Release/net10.0/aimemory-https.dll"
dotnet "$sample" dev-cert --out "$work/cert" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key="aim_load_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
(
  cd "$work"
  exec env -u DATABASE_URL API_KEY="$key" PORT="$port" USE_HTTPS=true \
    SSL_KEY_PATH="$work/cert/private-key.pem" SSL_CERT_PATH="$work/cert/certificate.pem" \
    RATE_LIMIT_WINDOW_MS=1000 RATE_LIMIT_MAX_REQUESTS="$limit" LOG_LEVEL=warning XDG_DATA_HOME="$work/data" \
    dotnet "$sample" >"$work/server.log" 2>&1
) &
server_pid=$!

url="https://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -s -o /dev/null --cacert "$work/cert/certificate.pem" "$url/health" && break
  sleep 0.5
done
curl -sf -o /dev/null --cacert "$work/cert/certificate.pem" "$url/health" || { echo "The server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

# One curl configuration entry per request; the four kinds rotate. Per-transfer options repeat in every entry.
entry() {
  local kind=$(( $1 % 4 ))
  [ "$2" -gt 0 ] && echo "next"
  echo "output = \"/dev/null\""
  echo "write-out = \"%{http_code} %{time_total}\\n\""
  echo "cacert = \"$work/cert/certificate.pem\""
  echo "header = \"X-API-Key: $key\""
  case $kind in
    0) echo "url = \"$url/api/memory/list?limit=20\"" ;;
    1) echo "url = \"$url/api/memory/store\""
       echo "header = \"Content-Type: application/json\""
       echo "data = \"{\\\"title\\\":\\\"load $1\\\",\\\"content\\\":\\\"mixed load note $1 about deployment\\\",\\\"tags\\\":[\\\"load\\\"]}\"" ;;
    2) echo "url = \"$url/api/memory/search\""
       echo "header = \"Content-Type: application/json\""
       echo "data = \"{\\\"query\\\":\\\"deployment note\\\"}\"" ;;
    3) echo "url = \"$url/mcp\""
       echo "header = \"Content-Type: application/json\""
       echo "header = \"Accept: application/json, text/event-stream\""
       echo "data = \"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"id\\\":$1,\\\"method\\\":\\\"tools/call\\\",\\\"params\\\":{\\\"name\\\":\\\"search_memories\\\",\\\"arguments\\\":{\\\"query\\\":\\\"deployment\\\"}}}\"" ;;
  esac
}

: >"$work/times" >"$work/rss"
sample_memory() {
  while kill -0 "$server_pid" 2>/dev/null; do
    echo "$(date +%s) $(ps -o rss= -p "$server_pid" | tr -d ' ')" >>"$work/rss"
    sleep 5
  done
}
sample_memory &
sampler_pid=$!

below=$(( limit * 3 / 4 )) above=$(( limit * 5 / 4 )) sent=0
started=$(date +%s)
for second in $(seq 1 "$seconds"); do
  tick=$(date +%s.%N)
  count=$below
  [ $(( second % 2 )) -eq 0 ] && count=$above
  : >"$work/batch.cfg"
  for index in $(seq 0 $((count - 1))); do
    entry "$sent" "$index" >>"$work/batch.cfg"
    sent=$((sent + 1))
  done
  timeout 30 curl -s --parallel --parallel-max "$concurrency" -K "$work/batch.cfg" >>"$work/times" 2>/dev/null || true
  rest=$(echo "1 - ($(date +%s.%N) - $tick)" | bc -l)
  if [ "$(echo "$rest > 0" | bc -l)" -eq 1 ]; then sleep "$rest"; fi
done
finished=$(date +%s)
kill "$sampler_pid" 2>/dev/null || true

echo "Mixed load: $sent requests in $((finished - started)) s, quota $limit per second, $concurrency concurrent, $(nproc) cores"
echo "Status counts:"
awk '{ print $1 }' "$work/times" | sort | uniq -c | sed 's/^/  /'
percentiles() {
  sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "  none"; exit }
    printf "  p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d answers)\n",
      v[int(NR*0.50)+1]*1000, v[int(NR*0.90)+1]*1000, v[int(NR*0.99)+1]*1000, v[NR]*1000, NR }'
}
echo "Latency, all answers:"; awk '{ print $2 }' "$work/times" | percentiles
echo "Latency, 2xx answers:"; awk '$1 ~ /^2/ { print $2 }' "$work/times" | percentiles
echo "Server resident memory (KiB), every 5 s:"
awk -v start="$started" '{ printf "  %4d s  %s\n", $1 - start, $2 }' "$work/rss"

errors=$(awk '$1 !~ /^2/ && $1 != "429"' "$work/times" | wc -l)
if [ "$errors" -ne 0 ]; then
  echo "$errors answers were neither 2xx nor 429." >&2
  grep -iE 'fail|error|exception' "$work/server.log" | head -n 20 >&2 || true
  exit 1
fi
echo "Every answer was 2xx or 429."
