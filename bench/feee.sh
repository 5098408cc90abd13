#!/usr/bin/env bash
# Feee cancel through Feee's own endpoint (/open/v2/order/cancel): key lookup, engine, SQLite with
# fsync per group commit, Feee's envelope. Places ORDERS Feee orders, then wrk cancels each once.
# Rate limiting is off and the 5-minute cancel window is set to zero for the run.
# Usage: bench/feee.sh [ORDERS] [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-20000}; seconds=${2:-10}; connections=${3:-32}
dir=$(mktemp -d)
Ordo__RateLimitPerSecond=0 Feee__CancelNotBefore=00:00:00 ./ordo serve --demo --db "$dir/bench.db" --urls http://127.0.0.1:18098 > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
until curl -sf http://127.0.0.1:18098/readyz >/dev/null; do sleep 0.2; done
# The demo's own orders come first: the benchmark's orders start after the newest one.
first=$(( $(curl -s -H 'Authorization: Bearer ordo_demo_admin_key' "http://127.0.0.1:18098/v1/orders?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2) + 1 ))
echo "placing $orders Feee orders..."
body='{"resource_type":1,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","resource_value":32000,"rent_duration":1,"rent_time_unit":"h"}'
seq 1 "$orders" | xargs -P 16 -I{} curl -s -o /dev/null -X POST http://127.0.0.1:18098/open/v2/order/submit -H 'key: ordo_demo_feee_key' -H 'Content-Type: application/json' -d "$body"
echo "cancelling for ${seconds}s with $connections connections..."
DIALECT=feee PREFIX=$(date -u +%y%m%d) FIRST_ID=$first THREADS=2 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/cancel.lua http://127.0.0.1:18098
