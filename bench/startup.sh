#!/usr/bin/env bash
# Start-up and memory with many orders (issue 12): on SQLite and on PostgreSQL (a throwaway cluster,
# scripts/with-postgres.sh), bench/Ordo.Seed builds a database of ORDERS orders of which OPEN_LIMIT
# are open limit orders on 10 markets (the rest cancelled limit orders, cancelled and filled rentals,
# with their events and ledger legs), and a baseline database of as many orders none of them open.
# Then `ordo serve` (no --demo) is started RUNS times on each (default 5): the time from the process
# start to /readyz answering 200 (min and median) and the CPU time the process used until then (less
# sensitive to other load on the machine), and the resident memory (VmRSS) at that moment and
# SETTLE seconds later (default 3). Bytes per open order = (RSS with the open orders - RSS of the
# baseline) / OPEN_LIMIT, medians, each after SETTLE.
# ORDO_BEFORE=path/to/ordo.dll: the same runs with that build too (e.g. the commit before a change,
# published with `dotnet publish src/Ordo.Server -c Release -o DIR`), interleaved in the same run.
# ENGINES="sqlite postgres" (default both). KEEP=dir: the SQLite files are made there and kept (and
# reused when present).
# Usage: bench/startup.sh [ORDERS] [OPEN_LIMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
engines=${ENGINES:-sqlite postgres}
if [ -z "${ORDO_TEST_POSTGRES:-}" ] && [[ " $engines " == *" postgres "* ]]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi
orders=${1:-1000000}; open=${2:-100000}; runs=${RUNS:-5}; settle=${SETTLE:-3}

dir=$(mktemp -d)
files=${KEEP:-$dir}
mkdir -p "$files"
server=""
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
trap 'stop_server; rm -rf "$dir"' EXIT

./ordo --help >/dev/null 2>&1 || true # builds the executable before anything is timed
dotnet build bench/Ordo.Seed -c Release -v q --nologo >"$dir/seed-build.log" 2>&1 || { cat "$dir/seed-build.log"; exit 1; }
seed=bench/Ordo.Seed/bin/Release/net10.0/Ordo.Seed.dll

builds=("after=.build/ordo/ordo.dll")
[ -n "${ORDO_BEFORE:-}" ] && builds=("before=$ORDO_BEFORE" "${builds[@]}")

# Seeds the database unless KEEP already holds it; prints the seconds it took.
make_db() {
  local db=$1 count=$2 open_count=$3 started
  if [ -n "${KEEP:-}" ] && [ -f "$db" ]; then echo "kept"; return; fi
  started=$(date +%s%N)
  dotnet "$seed" "$db" "$count" "$open_count" >&2
  echo $(( ($(date +%s%N) - started) / 1000000000 ))
}

# One start: prints "ms rss_at_ready_kb rss_settled_kb cpu_ms resting".
start_once() {
  local dll=$1 db=$2 port=$((18400 + RANDOM % 500)) started ready log="$dir/serve.log"
  started=$(date +%s%N)
  ORDO_SECRETS_KEY=$secrets dotnet "$dll" serve --db "$db" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
  server=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.01
  done
  ready=$(( ($(date +%s%N) - started) / 1000000 ))
  local cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$server/stat") # utime + stime, in ms (100 ticks a second)
  local rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  sleep "$settle"
  local settled=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  local resting=$(grep -oE 'Order books loaded: [0-9]+' "$log" | awk '{print $4}' || true)
  stop_server
  echo "$ready $rss $settled $cpu ${resting:-?}"
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

secrets=$(head -c 32 /dev/urandom | base64)
echo "| engine | build | open limit orders | start to ready, min / median (ms) | CPU time to ready, min / median (ms) | VmRSS at ready, median (MB) | VmRSS after ${settle}s, median (MB) | bytes per open order |" >"$dir/rows"
echo "|---|---|---|---|---|---|---|---|" >>"$dir/rows"
for engine in $engines; do
  if [ "$engine" = sqlite ]; then
    full="$files/startup-$orders-$open.db"; base="$files/startup-$orders-0.db"
  else
    sql() { psql "$(echo "$ORDO_TEST_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/; s/Database=/dbname=/')" -X -q -t -A -c "$1"; }
    sql "DROP SCHEMA IF EXISTS startup_full CASCADE; DROP SCHEMA IF EXISTS startup_base CASCADE; CREATE SCHEMA startup_full; CREATE SCHEMA startup_base"
    full="$ORDO_TEST_POSTGRES;Search Path=startup_full"; base="$ORDO_TEST_POSTGRES;Search Path=startup_base"
  fi
  echo "== $engine: seeding $orders orders, $open open limit orders" >&2
  echo "$engine: seeded $orders orders ($open open) in $(make_db "$full" "$orders" "$open") s; baseline ($orders orders, none open) in $(make_db "$base" "$orders" 0) s" >>"$dir/seeding"
  # Migrations first (the last build's), so no timed start pays for a new index.
  dotnet "${builds[-1]#*=}" migrate --db "$full" >/dev/null; dotnet "${builds[-1]#*=}" migrate --db "$base" >/dev/null
  for build in "${builds[@]}"; do : >"$dir/${build%%=*}-$engine-full"; : >"$dir/${build%%=*}-$engine-base"; done
  for run in $(seq 1 "$runs"); do
    for build in "${builds[@]}"; do
      name=${build%%=*}; dll=${build#*=}
      start_once "$dll" "$full" >>"$dir/$name-$engine-full"
      start_once "$dll" "$base" >>"$dir/$name-$engine-base"
      echo "-- $engine $name run $run: $(tail -1 "$dir/$name-$engine-full") / baseline $(tail -1 "$dir/$name-$engine-base")" >&2
    done
  done
  for build in "${builds[@]}"; do
    name=${build%%=*}
    for which in base full; do
      f="$dir/$name-$engine-$which"
      min=$(cut -d' ' -f1 "$f" | sort -n | head -1); med=$(cut -d' ' -f1 "$f" | median)
      cmin=$(cut -d" " -f4 "$f" | sort -n | head -1); cmed=$(cut -d" " -f4 "$f" | median)
      rss=$(cut -d' ' -f2 "$f" | median); settled=$(cut -d' ' -f3 "$f" | median)
      per=""
      if [ "$which" = full ]; then
        base_settled=$(cut -d' ' -f3 "$dir/$name-$engine-base" | median)
        per=$(( (settled - base_settled) * 1024 / open ))
      fi
      count=$([ "$which" = full ] && echo "$open" || echo 0)
      printf '| %s | %s | %s | %s / %s | %s / %s | %.0f | %.0f | %s |\n' "$engine" "$name" "$count" "$min" "$med" "$cmin" "$cmed" "$(echo "$rss / 1024" | bc -l)" "$(echo "$settled / 1024" | bc -l)" "$per" >>"$dir/rows"
    done
  done
done
echo
echo "$(nproc) cores, $(date -u +%F), $orders orders, $runs runs per row, $(dotnet --version)"
cat "$dir/seeding"
echo
cat "$dir/rows"
