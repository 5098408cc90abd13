#!/usr/bin/env bash
# Durable first cancels per second through Ordo on PostgreSQL, with one `ordo serve` node and with
# two on the same database, beside pgbench's update TPS on the same throwaway cluster in the same
# run (scripts/with-postgres.sh: fsync on, defaults otherwise). For each Ordo run: a fresh schema,
# the node(s) started with --demo, rentals placed with wrk for PLACE seconds (bench/place.lua), then
# wrk cancels them for SECONDS, each request the first cancel of a distinct open order with its
# refund, committed before the answer (bench/cancel.lua; two nodes: one wrk per node, each on every
# other order). Rate limiting is off. The cancel rate is the cancelled orders counted in the database
# divided by SECONDS; if every placed order got cancelled the run ran out of orders (raise PLACE).
# TENANTS (default 32): that many tenants are created (admin API), each with a native key and a
# deposit; each order is placed by a random one, and each cancel uses its order's owner's key, so
# the load spreads over accounts as real traffic does (TENANTS=0: every order the demo account's).
# ORDO_BEFORE=path/to/ordo.dll: the Ordo runs are made with that build too (e.g. the commit before
# a change, published with `dotnet publish src/Ordo.Server -c Release -o DIR`), in the same run.
# Usage: bench/postgres-cancels.sh [SECONDS] [CONNECTIONS] [PLACE]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ORDO_TEST_POSTGRES:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi
seconds=${1:-20}; connections=${2:-32}; place=${3:-$((seconds * 2))}; tenants=${TENANTS:-32}

# libpq's variables, from the Npgsql connection string with-postgres.sh exports.
IFS=';' read -ra fields <<< "$ORDO_TEST_POSTGRES"
for field in "${fields[@]}"; do
  case "${field%%=*}" in
    Host) export PGHOST=${field#*=} ;;
    Port) export PGPORT=${field#*=} ;;
    Username) export PGUSER=${field#*=} ;;
    Password) export PGPASSWORD=${field#*=} ;;
    Database) export PGDATABASE=${field#*=} ;;
  esac
done
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 -c "$1"; }

dir=$(mktemp -d)
nodes=()
stop_nodes() { for pid in "${nodes[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; nodes=(); }
trap 'stop_nodes; rm -rf "$dir"' EXIT

./ordo --help >/dev/null 2>&1 || true # builds the executable before anything is timed
ordo_dll=.build/ordo/ordo.dll

echo "== pgbench on the same cluster: scale 10, $connections clients, ${seconds}s each"
pgbench -i -q -s 10 >"$dir/pgbench-init.log" 2>&1
pgbench -n -N -c "$connections" -j 2 -T "$seconds" >"$dir/pgbench-N.log" 2>&1
tps_n=$(grep -oE 'tps = [0-9.]+' "$dir/pgbench-N.log" | awk '{printf "%d", $3}')
cat >"$dir/one-update.sql" <<'SQL'
\set aid random(1, 100000 * :scale)
UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;
SQL
pgbench -n -f "$dir/one-update.sql" -c "$connections" -j 2 -T "$seconds" >"$dir/pgbench-1.log" 2>&1
tps_1=$(grep -oE 'tps = [0-9.]+' "$dir/pgbench-1.log" | awk '{printf "%d", $3}')
echo "pgbench -N: $tps_n tps; one UPDATE per transaction: $tps_1 tps"

# Starts `ordo serve` on the schema at the port; the first node seeds the demo account.
start_node() {
  local schema=$1 port=$2
  ORDO_SECRETS_KEY=$secrets Ordo__RateLimitPerSecond=0 dotnet "$ordo_dll" serve --demo \
    --db "$ORDO_TEST_POSTGRES;Search Path=$schema" --urls "http://127.0.0.1:$port" >"$dir/node-$port.log" 2>&1 &
  nodes+=($!)
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.2; done
}

# TENANTS tenants through the admin API of the node at the port: "account key" lines in the file.
make_tenants() {
  local port=$1 file=$2 admin=(-sf -H "Authorization: Bearer ordo_demo_admin_key" -H "Content-Type: application/json")
  : >"$file"
  for i in $(seq 1 "$tenants"); do
    local account key
    account=$(curl "${admin[@]}" -d "{\"name\":\"bench-$i\"}" "http://127.0.0.1:$port/v1/accounts" | grep -oE '"id":[0-9]+' | head -1 | cut -d: -f2)
    key=$(curl "${admin[@]}" -d '{"dialect":"native"}' "http://127.0.0.1:$port/v1/accounts/$account/credentials" | grep -oE '"key":"[^"]+"' | cut -d'"' -f4)
    curl "${admin[@]}" -d "{\"asset\":\"TRX\",\"amount\":\"1000000\",\"external_id\":\"bench-$i\"}" \
      "http://127.0.0.1:$port/v1/accounts/$account/deposits" >/dev/null
    echo "$account $key" >>"$file"
  done
}

# One Ordo run: N nodes (ports 18301...), place, cancel, count. Prints a table row labelled with $2.
run_ordo() {
  local count=$1 label=$2 schema="ordo_bench_$1_$RANDOM" ports=() first placed before after commits_before commits_after
  local keys="$dir/keys-$schema" orders="$dir/orders-$schema" envs=()
  secrets=$(head -c 32 /dev/urandom | base64)
  sql "CREATE SCHEMA $schema"
  for i in $(seq 1 "$count"); do ports+=($((18300 + i))); start_node "$schema" "${ports[-1]}"; done
  if [ "$tenants" -gt 0 ]; then
    make_tenants "${ports[0]}" "$keys"
    cut -d' ' -f2 "$keys" >"$keys.only"
    envs=(KEYS="$keys.only")
  fi
  first=$(( $(sql "SELECT coalesce(max(id), 0) FROM $schema.orders") + 1 ))
  echo "-- $label, $count node(s): placing for ${place}s" >&2
  local loads=()
  for port in "${ports[@]}"; do
    env "${envs[@]}" wrk -t1 -c"$((connections / count))" -d"${place}s" -s bench/place.lua "http://127.0.0.1:$port" >"$dir/place-$count-$port.log" &
    loads+=($!)
  done
  wait "${loads[@]}"
  placed=$(sql "SELECT count(*) FROM $schema.orders WHERE id >= $first")
  local cancel_first=$first
  if [ "$tenants" -gt 0 ]; then
    # Each order with its owner's key, in the order they were placed (their owners at random).
    sql "SELECT id, account_id FROM $schema.orders WHERE id >= $first ORDER BY id" | tr '|' ' ' |
      awk 'NR == FNR {key[$1] = $2; next} {print $1, key[$2]}' "$keys" - >"$orders"
    envs=(ORDERS="$orders")
    cancel_first=1
  fi
  before=$(sql "SELECT count(*) FROM $schema.orders WHERE state = 'Cancelled'")
  commits_before=$(sql "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
  echo "-- $label, $count node(s): $placed orders placed; cancelling for ${seconds}s" >&2
  local i=0
  loads=()
  for port in "${ports[@]}"; do
    env "${envs[@]}" FIRST_ID=$((cancel_first + i)) STRIDE=$count THREADS=1 wrk -t1 -c"$((connections / count))" -d"${seconds}s" --latency \
      -s bench/cancel.lua "http://127.0.0.1:$port" >"$dir/cancel-$count-$port.log" &
    loads+=($!)
    i=$((i + 1))
  done
  wait "${loads[@]}"
  after=$(sql "SELECT count(*) FROM $schema.orders WHERE state = 'Cancelled'")
  commits_after=$(sql "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
  local cancelled=$((after - before))
  local log="$dir/cancel-$count-${ports[0]}.log"
  local p50 p99 non2xx
  p50=$(awk '$1 == "50%" {print $2}' "$log"); p99=$(awk '$1 == "99%" {print $2}' "$log")
  non2xx=$(cat "$dir"/cancel-"$count"-*.log | awk '/Non-2xx/ {n += $5} END {print n + 0}')
  [ "$cancelled" -ge "$placed" ] && echo "warning: $count node(s) cancelled every placed order: raise PLACE" >&2
  stop_nodes
  printf '| Ordo%s, %d node(s): first cancels, durable | %d /s | %.2fx | %s | %s | %d cancelled, %d non-2xx, %.1f database commits per cancel |\n' \
    "$label" "$count" $((cancelled / seconds)) "$(echo "$cancelled / $seconds / $tps_n" | bc -l)" "$p50" "$p99" "$cancelled" "$non2xx" \
    "$(echo "($commits_after - $commits_before) / $cancelled" | bc -l)"
}

if [ -n "${ORDO_BEFORE:-}" ]; then
  ordo_dll=$ORDO_BEFORE
  run_ordo 1 " (before)" >>"$dir/rows"
  run_ordo 2 " (before)" >>"$dir/rows"
  ordo_dll=.build/ordo/ordo.dll
fi
run_ordo 1 "" >>"$dir/rows"
run_ordo 2 "" >>"$dir/rows"
echo
echo "PostgreSQL $(sql 'SHOW server_version'), $(nproc) cores, $connections connections, ${seconds}s per run, $tenants tenants, $(date -u +%F)"
echo
echo "| what | rate | × pgbench -N | p50 | p99 | notes |"
echo "|---|---|---|---|---|---|"
echo "| pgbench -N (update, select, insert per transaction) | $tps_n tps | 1.00x | | | scale 10 |"
echo "| pgbench, one UPDATE per transaction | $tps_1 tps | $(printf '%.2f' "$(echo "$tps_1 / $tps_n" | bc -l)")x | | | |"
cat "$dir/rows"
