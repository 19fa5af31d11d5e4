#!/usr/bin/env bash
# Sends a bounded burst of requests to a running AiMemory HTTP(S) host on this machine and prints requests per
# second and latency percentiles, as curl measures them.
#
#   bash benchmarks/load/http-load.sh --key KEY [--url http://127.0.0.1:3000] [--requests 500] [--concurrency 4]
#                                     [--route list|search] [--cacert certificate.pem]
#
# The URL must be on 127.0.0.1, ::1 or localhost: this script never loads another machine. Every run stops after
# --requests requests (at most 20000) or 120 seconds, whichever comes first. Each request starts a curl process,
# so the figures include process start-up and show far less than the host can serve. The recorded numbers come
# from benchmarks/load/HttpPipelineLoad (see benchmarks/README.md).
set -euo pipefail

url=http://127.0.0.1:3000 key="" requests=500 concurrency=4 route=list cacert=""
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --route) route=$2; shift 2 ;;
    --cacert) cacert=$2; shift 2 ;;
    *) echo "Unknown option: $1" >&2; exit 2 ;;
  esac
done

if [ -z "$key" ]; then
  echo "Missing --key: pass an API key the host accepts." >&2
  exit 2
fi
case "$url" in
  http://127.0.0.1:*|https://127.0.0.1:*|http://localhost:*|https://localhost:*|http://\[::1\]:*|https://\[::1\]:*) ;;
  *) echo "Refusing $url: this script only loads a host on 127.0.0.1, ::1 or localhost (with an explicit port)." >&2; exit 2 ;;
esac
if ! [[ "$requests" =~ ^[0-9]+$ ]] || [ "$requests" -lt 1 ] || [ "$requests" -gt 20000 ]; then
  echo "--requests must be from 1 to 20000." >&2
  exit 2
fi
if ! [[ "$concurrency" =~ ^[0-9]+$ ]] || [ "$concurrency" -lt 1 ] || [ "$concurrency" -gt 64 ]; then
  echo "--concurrency must be from 1 to 64." >&2
  exit 2
fi

tls=()
[ -n "$cacert" ] && tls=(--cacert "$cacert")
case "$route" in
  list) request=(-X GET "$url/api/memory/list?limit=20") ;;
  search) request=(-X POST "$url/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'
            --data '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search_memories","arguments":{"query":"note"}}}') ;;
  *) echo "--route must be list or search." >&2; exit 2 ;;
esac

times=$(mktemp)
trap 'rm -f "$times"' EXIT
export key
started=$(date +%s.%N)
seq 1 "$requests" | timeout 120 xargs -P "$concurrency" -I{} \
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${tls[@]}" -H "X-API-Key: $key" "${request[@]}" >>"$times" || true
finished=$(date +%s.%N)

total=$(wc -l <"$times")
ok=$(awk '$1 == 200' "$times" | wc -l)
awk -v started="$started" -v finished="$finished" -v total="$total" -v ok="$ok" '
  function at(p,   index_) { index_ = int(n * p); if (index_ < 1) index_ = 1; return latency[index_] }
  { latency[NR] = $2 * 1000 }
  END {
    n = asort(latency)
    if (n == 0) { print "No request completed."; exit 1 }
    elapsed = finished - started
    printf "%d requests (%d with 200) in %.2f s: %.1f requests/s\n", total, ok, elapsed, total / elapsed
    printf "latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f\n", at(0.5), at(0.9), at(0.99), latency[n]
  }' "$times"
