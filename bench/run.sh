#!/usr/bin/env bash
# Cancel throughput and latency of the whole server (HTTP, engine, SQLite with fsync per group
# commit) on this machine. Places ORDERS rentals, then wrk cancels them, each one exactly once.
# Rate limiting is switched off for the run. Keep ORDERS above what SECONDS of cancels can use,
# or the surplus requests answer 404 (wrk counts them as non-2xx).
# Usage: bench/run.sh [ORDERS] [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-20000}; seconds=${2:-10}; connections=${3:-32}
dir=$(mktemp -d)
Ordo__RateLimitPerSecond=0 ./ordo serve --demo --db "$dir/bench.db" --urls http://127.0.0.1:18099 > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
until curl -sf http://127.0.0.1:18099/readyz >/dev/null; do sleep 0.2; done
# The demo's own orders come first: the benchmark's orders start after the newest one.
first=$(( $(curl -s -H 'Authorization: Bearer ordo_demo_admin_key' "http://127.0.0.1:18099/v1/orders?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2) + 1 ))
K='Authorization: Bearer ordo_demo_native_key'
echo "placing $orders orders..."
body='{"kind":"rental","quantity":"100","price":"0.01","duration_seconds":3600,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}'
seq 1 "$orders" | xargs -P 16 -I{} curl -s -o /dev/null -X POST http://127.0.0.1:18099/v1/orders -H "$K" -H 'Content-Type: application/json' -d "$body"
echo "cancelling for ${seconds}s with $connections connections..."
FIRST_ID=$first THREADS=2 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/cancel.lua http://127.0.0.1:18099
echo "cancelled orders: $(sqlite3 "$dir/bench.db" "select count(*) from orders where state = 'Cancelled'" 2>/dev/null || echo "(install sqlite3 to count)")"
echo "GET one order:"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$K" http://127.0.0.1:18099/v1/orders/1
