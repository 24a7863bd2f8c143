#!/usr/bin/env bash
# A load test of `erkend serve --demo` on loopback with wrk: CONNECTIONS concurrent clients for DURATION
# against a mix of public catalogue reads, skill searches and learner reads with an API token
# (Scripts/load.lua). Prints requests/s, p50/p90/p99 latency, non-2xx responses and socket errors,
# and exits non-zero when there was any error.
#
#   Scripts/load.sh [--connections 500] [--duration 60s] [--threads 2]
#
# Uses $ERKEND if set, else the release build if there is one, else the debug build. Needs wrk
# (apt-get install wrk), curl and python3, and a file descriptor limit above the connection count.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib.sh

connections=500
duration=60s
threads=2
while [ $# -gt 0 ]; do
  case $1 in
    --connections) connections=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: $0 [--connections N] [--duration 60s] [--threads N]" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
if [ -z "${ERKEND:-}" ] && [ -x .build/release/erkend ]; then export ERKEND=$PWD/.build/release/erkend; fi
# wrk and the server each hold one descriptor per connection, plus their own.
needed=$((connections * 2 + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
  ulimit -n "$needed" 2>/dev/null || { echo "the file descriptor limit $(ulimit -n) is below $needed; raise it (ulimit -n)" >&2; exit 1; }
fi

work=$(mktemp -d)
trap 'stop_server || true; rm -rf "$work"' EXIT
start_demo_server "$work"
token=$(staff_token)
learners=()
for name in "Sanne de Vries" "Daan Bakker" "Noah Visser" "Emma Jansen"; do
  learners+=("$(curl -sf -H "Authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"name\": \"$name\"}" "$BASE_URL/api/v1/learners" | json_field id)")
done
binary=$(erkend_binary)
build=$( [[ $binary == *release* ]] && echo release || echo debug )
echo "wrk: $connections connections, $threads threads, $duration, against $BASE_URL ($build build of erkend); file descriptor limit $(ulimit -n)"

ERKEND_TOKEN=$token ERKEND_LEARNERS=$(IFS=,; echo "${learners[*]}") \
  wrk --threads "$threads" --connections "$connections" --duration "$duration" --timeout 10s --latency \
  --script Scripts/load.lua "$BASE_URL" | tee "$work/wrk.txt"

result=$(grep '^RESULT' "$work/wrk.txt")
stop_server || { echo "erkend serve did not stop cleanly" >&2; exit 1; }
non2xx=$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$result")
socket=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$result")
if [ "$non2xx" != 0 ] || [ "$socket" != 0 ]; then
  echo "FAILED: $non2xx non-2xx responses and $socket socket errors" >&2
  exit 1
fi
echo "no errors"
