#!/usr/bin/env bash
# First cancels of two builds, alternating, on SQLite: a quick before/after for a change on the
# cancel path when a whole side-by-side run is too long or too noisy to tell. For each round and
# build: `ordo serve --demo` on a fresh database (rate limit off), native rentals placed for PLACE
# seconds (bench/place.lua), then the first cancel of each of them for CANCEL seconds
# (bench/lines.lua, each order once). Prints "build round: place N/s, first cancel N/s".
# Usage: bench/first-cancel-pairs.sh BEFORE_DLL [AFTER_DLL] (default: the current ./ordo build)
# Environment: ROUNDS (2), PLACE (8), CANCEL (5), CONNECTIONS (32). Needs wrk, curl, jq, sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: bench/first-cancel-pairs.sh BEFORE_DLL [AFTER_DLL]}
after=${2:-.build/ordo/ordo.dll}
[ -n "${2:-}" ] || ./ordo --help >/dev/null 2>&1 || true # builds the current ordo first
conns=${CONNECTIONS:-32}
dir=$(mktemp -d "${TMPDIR:-/tmp}/cancel-pairs.XXXXXX")
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
url=http://127.0.0.1:18321
native='Authorization: Bearer ordo_demo_native_key'

one() { # label dll round
  local db=$dir/ordo-$1-$3.db place cancel account
  Ordo__RateLimitPerSecond=0 dotnet "$2" serve --demo --db "$db" --urls "$url" >"$dir/ordo.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -sf "$url/readyz" >/dev/null && break; sleep 0.2; done
  account=$(curl -sf -H "$native" "$url/v1/orders?limit=1" | jq -r '.data[0].account_id')
  curl -sf -X POST "$url/v1/accounts/$account/deposits" -H 'Authorization: Bearer ordo_demo_admin_key' \
    -H 'Content-Type: application/json' -d '{"asset":"TRX","amount":"100000000","external_id":"pairs"}' >/dev/null
  place=$(wrk -t2 -c"$conns" -d"${PLACE:-8}s" -s bench/place.lua "$url" | awk '/^Requests\/sec/ {printf "%d", $2}')
  sqlite3 "$db" "SELECT id FROM orders WHERE kind = 'Rental' AND state = 'Open' ORDER BY id" |
    awk '{printf "POST\t/v1/orders/%s/cancel\n", $1}' >"$dir/cancels.lines"
  cancel=$(LINES=$dir/cancels.lines wrk -t2 -c"$conns" -d"${CANCEL:-5}s" -H "$native" -s bench/lines.lua "$url" |
    awk '/^Requests\/sec/ {printf "%d", $2}')
  echo "$1 $3: place $place/s, first cancel $cancel/s"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  rm -f "$db" "$db"-*
}

for round in $(seq 1 "${ROUNDS:-2}"); do
  one before "$before" "$round"
  one after "$after" "$round"
done
