#!/usr/bin/env bash
# First cancels of two builds, alternating, on SQLite: a quick before/after for a change on the
# cancel path when a whole side-by-side run is too long or too noisy to tell. For each round and
# build: `ordo serve --demo` on a fresh database (rate limit off), native rentals placed for PLACE
# seconds (wrk, bench/place.lua), then the first cancel of every one of them, each once, as fast as
# the server takes them with CONNECTIONS in flight (bench/Ordo.Load --once). The rate is the orders
# cancelled over the wall time of that run (the generator's own start, ~0.2 s, included), so running
# out of orders cannot inflate it.
# Prints "build round: place N/s (non-2xx), first cancel N/s (N cancelled, N refused)".
# Usage: bench/first-cancel-pairs.sh BEFORE_DLL [AFTER_DLL] (default: the current ./ordo build)
# Environment: ROUNDS (2), PLACE (8), CONNECTIONS (32). Needs wrk, curl, jq, sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: bench/first-cancel-pairs.sh BEFORE_DLL [AFTER_DLL]}
after=${2:-.build/ordo/ordo.dll}
[ -n "${2:-}" ] || ./ordo --help >/dev/null 2>&1 || true # builds the current ordo first
conns=${CONNECTIONS:-32}
load=.build/Ordo.Load/Ordo.Load.dll
if [ ! -f "$load" ] || [ -n "$(find bench/Ordo.Load \( -name bin -o -name obj \) -prune -o -newer "$load" -name '*.cs' -print -quit)" ]; then
  dotnet publish bench/Ordo.Load/Ordo.Load.csproj -c Release -o .build/Ordo.Load --nologo -v quiet >&2
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/cancel-pairs.XXXXXX")
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
url=http://127.0.0.1:18321
native='Authorization: Bearer ordo_demo_native_key'

one() { # label dll round
  local db=$dir/ordo-$1-$3.db place refused_places account
  Ordo__RateLimitPerSecond=0 dotnet "$2" serve --demo --db "$db" --urls "$url" >"$dir/ordo.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -sf "$url/readyz" >/dev/null && break; sleep 0.2; done
  account=$(curl -sf -H "$native" "$url/v1/orders?limit=1" | jq -r '.data[0].account_id')
  curl -sf -X POST "$url/v1/accounts/$account/deposits" -H 'Authorization: Bearer ordo_demo_admin_key' \
    -H 'Content-Type: application/json' -d '{"asset":"TRX","amount":"100000000","external_id":"pairs"}' >/dev/null
  wrk -t2 -c"$conns" -d"${PLACE:-8}s" -s bench/place.lua "$url" >"$dir/place.wrk"
  place=$(awk '/^Requests\/sec/ {printf "%d", $2}' "$dir/place.wrk")
  refused_places=$(awk '/Non-2xx/ {print $5}' "$dir/place.wrk")
  sqlite3 "$db" "SELECT id FROM orders WHERE kind = 'Rental' AND state = 'Open' ORDER BY id" |
    awk '{printf "POST\t/v1/orders/%s/cancel\n", $1}' >"$dir/cancels.lines"
  local started ended out
  started=$(date +%s.%N)
  dotnet "$load" --url "$url" --rate 100000 --seconds 3600 --max-in-flight "$conns" --once \
    --requests "$dir/cancels.lines" --header "$native" >"$dir/cancel.load" 2>&1
  ended=$(date +%s.%N)
  out=$(tail -1 "$dir/cancel.load")
  figure() { grep -oE "(^| )$1=[^ ]+" <<<"$out" | cut -d= -f2; }
  echo "$1 $3: place $place/s (${refused_places:-0} non-2xx), first cancel $(awk -v n="$(figure good)" -v a="$started" -v b="$ended" 'BEGIN {printf "%d", n / (b - a)}')/s ($(figure good) cancelled, $(( $(figure bad) + $(figure failed) )) refused or failed)"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  rm -f "$db" "$db"-*
}

for round in $(seq 1 "${ROUNDS:-2}"); do
  one before "$before" "$round"
  one after "$after" "$round"
done
