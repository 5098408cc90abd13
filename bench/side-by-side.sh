#!/usr/bin/env bash
# Ordo beside the bare HTTP stack, in one run on this machine (issue 12's harness).
#
# 1. bench/Ordo.Bare (Kestrel + System.Text.Json answering a fixed order, no logging): POST and
#    GET with wrk, the ceiling every Ordo figure is divided by ("x bare": same run, same cores).
# 2. For each store in STORES, `ordo serve --demo` on a fresh database (SQLite file; PostgreSQL:
#    a fresh schema on a throwaway cluster, scripts/with-postgres.sh), rate limit off, Feee's
#    cancel window zero, then, one line each (throughput, p50, p99, non-2xx, x bare):
#    - durable place (native rental with escrow); first cancel (each request the first cancel of
#      a distinct open rental, with refund); repeated cancel (of a cancelled order); GET one
#      order; list orders (GET /v1/orders?limit=20);
#    - each dialect's first cancel of distinct open orders: Feee, Tronify, tanX (JWT from
#      `ordo tanx-login`), Fungies, XendBridge, each placed beforehand through its own API (tanX's
#      limit orders and Fungies' store orders through the native one, as the dialects cancel any
#      order of their kind);
#    - bulk cancel of 1,000 open limit orders (POST /v1/orders/cancel by market; the endpoint
#      takes 500 a request, so two requests): orders/s and each request's latency;
#    - a mixed flow (bench/mixed.lua: places, crossing limit orders that fill, first cancels,
#      reads); the fills are counted in the database;
#    - place and first cancel at half of the peak rate just measured, open loop at a fixed rate
#      (bench/Ordo.Load: latency from each request's due time, so a stall is not hidden), with
#      p50/p90/p99, the longest latency and the count over 1 s;
#    - the server's resident memory (VmRSS) and its order count.
# 3. bare POST again at the end: the drift between the two bare runs is this run's noise.
# Every figure comes from the same run on the same cores (wrk and the servers share them): compare
# ratios and rows of one run, not absolutes across runs.
#
# Usage: bench/side-by-side.sh [SECONDS] [CONNECTIONS]
# Environment: SECONDS (default 10) per measured scenario, CONNECTIONS (32), STORES (sqlite,postgres),
# HALF_RATE_SECONDS (default SECONDS) for the two open-loop rows at half of the peak (60: the stall run),
# ORDO_BEFORE=path/to/ordo.dll (an older published build, e.g. `dotnet publish src/Ordo.Server -c
# Release -o /tmp/ordo-before`): every Ordo scenario runs with it too, before the current build.
# Needs wrk, curl, jq, perl, sqlite3 and (for postgres) PostgreSQL's server and psql.
# Everything it starts (servers, the cluster, temporary files) is stopped and removed on exit or Ctrl-C.
secs=${1:-${BENCH_SECONDS:-${SECONDS:-0}}}
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$secs" -gt 0 ] 2>/dev/null || secs=10
export BENCH_SECONDS=$secs # bash's SECONDS counts up by itself; the chosen value travels under this name
conns=${2:-${CONNECTIONS:-32}}
stores=${STORES:-sqlite,postgres}
half_secs=${HALF_RATE_SECONDS:-$secs}
bare_rate=${BARE_RATE:-1000}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for tool in wrk curl jq perl sqlite3; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install -y $tool)" >&2; exit 1; }
done
if [[ ",$stores," == *",postgres,"* ]] && [ -z "${ORDO_TEST_POSTGRES:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/side-by-side.XXXXXX")
servers=()
stop_servers() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  servers=()
}
trap 'stop_servers; rm -rf "$dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
say() { echo "-- $(date -u +%T) $*" >&2; }

# Builds a bench project into .build/ when its sources are newer than the build (as ./ordo does).
publish() {
  local project=$1 out=.build/$1
  if [ ! -f "$out/$project.dll" ] || [ -n "$(find "bench/$project" \( -name bin -o -name obj \) -prune -o -newer "$out/$project.dll" \( -name '*.cs' -o -name '*.csproj' \) -print -quit)" ]; then
    say "building $project"
    dotnet publish "bench/$project/$project.csproj" -c Release -o "$out" --nologo -v quiet >&2
  fi
  echo "$out/$project.dll"
}
bare_dll=$(publish Ordo.Bare)
load_dll=$(publish Ordo.Load)
./ordo --help >/dev/null 2>&1 || true # builds the current ordo before anything is timed
current_dll=.build/ordo/ordo.dll

wait_ready() { # url pid log
  for _ in $(seq 1 600); do
    curl -sf "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "the server stopped:" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.2
  done
  echo "the server did not get ready: $3" >&2; exit 1
}

# wrk: a label's run into $dir/<label>.wrk; sets rps, p50, p99, non2xx, notes (timeouts, bad answers).
wrk_run() {
  local name=$1 seconds=$2; shift 2
  wrk -t2 -c"$conns" -d"${seconds}s" --latency "$@" >"$dir/$name.wrk" 2>&1 || true
  local out=$dir/$name.wrk timeouts bad
  rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out"); p99=$(awk '$1 == "99%" {print $2}' "$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out"); non2xx=${non2xx:-0}
  timeouts=$(awk '/Socket errors/ {print $NF}' "$out"); bad=$(awk '/^bad answers:/ {print $3}' "$out")
  notes=""
  [ "${timeouts:-0}" -gt 0 ] && notes="$timeouts timeouts"
  [ "${bad:-0}" -gt 0 ] && notes="${notes:+$notes, }$bad answers with an error code"
  [ -n "$rps" ] || { rps=0; notes="wrk failed: $(tail -1 "$out")"; }
  return 0
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "-" }'; }
# A result row: printed at once and kept for the table at the end.
row() { # scenario throughput p50 p99 non-2xx ratio notes
  local line="| $label | $1 | $2 | $3 | $4 | $5 | $6 | $7 |"
  echo "$line" >>"$dir/rows"
  echo "$line"
}

# Sends each line of the file once, as fast as the server takes them with CONNECTIONS in flight.
place_exactly() { # requests-file Ordo.Load-args...
  local file=$1; shift
  dotnet "$load_dll" --url "$U" --rate 100000 --seconds 3600 --max-in-flight "$conns" --requests "$file" --once "$@" >"$dir/placing.load" 2>&1 || true
  say "  placed: $(tail -1 "$dir/placing.load")"
}

# Ordo.Load at a fixed rate for SECONDS after a one-second warm-up, CONNECTIONS in flight at most.
load_run() { # name url rate requests-file Ordo.Load-args...: sets the open-loop figures (LOAD_SECONDS long)
  local name=$1 url=$2 rate=$3 file=$4; shift 4
  dotnet "$load_dll" --url "$url" --rate "$rate" --seconds "${LOAD_SECONDS:-$secs}" --warmup 1 --max-in-flight "$conns" --requests "$file" "$@" >"$dir/$name.load" 2>&1 || true
  local out; out=$(tail -1 "$dir/$name.load")
  figure() { grep -oE "(^| )$1=[^ ]+" <<<"$out" | cut -d= -f2 || true; }
  achieved=$(figure achieved); lp50=$(figure p50); lp90=$(figure p90); lp99=$(figure p99); lmax=$(figure max); over=$(figure over1s)
  local bad failed; bad=$(figure bad); failed=$(figure failed); ranout=$(figure ranout)
  lbad=$(( ${bad:-0} + ${failed:-0} ))
  [ -n "$achieved" ] || { achieved=0; lbad="Ordo.Load failed: $out"; }
}

# ---- 1. the bare endpoint
bare_port=18190
bare() { # label: POST and GET (or POST only with "post")
  ASPNETCORE_URLS=http://127.0.0.1:$bare_port dotnet "$bare_dll" >"$dir/bare.log" 2>&1 &
  servers+=($!)
  wait_ready "http://127.0.0.1:$bare_port/v1/orders/1" "${servers[-1]}" "$dir/bare.log"
  printf 'POST\t/v1/orders/1/cancel\n' >"$dir/bare-post.lines"
  LINES=$dir/bare-post.lines ONCE=0 wrk_run bare-post-$1 "$secs" -s bench/lines.lua "http://127.0.0.1:$bare_port"
  bare_post_now=$rps; bare_post_p50=$p50; bare_post_p99=$p99
  if [ "$2" = both ]; then
    wrk_run bare-get-$1 "$secs" "http://127.0.0.1:$bare_port/v1/orders/1"
    bare_get=$rps; bare_get_p50=$p50; bare_get_p99=$p99
    # The open-loop generator's own floor on these cores: the bare POST at a fixed rate.
    load_run bare-fixed "http://127.0.0.1:$bare_port" "$bare_rate" "$dir/bare-post.lines"
  fi
  stop_servers
}
label="bare"
say "bare endpoint (bench/Ordo.Bare), ${secs}s each, $conns connections"
bare first both
bare_post=$bare_post_now
echo "| where | scenario | throughput | p50 | p99 | non-2xx | x bare | notes |"
echo "|---|---|---|---|---|---|---|---|"
row "bare POST (fixed JSON)" "$bare_post /s" "$bare_post_p50" "$bare_post_p99" 0 "100%" ""
row "bare GET (fixed JSON)" "$bare_get /s" "$bare_get_p50" "$bare_get_p99" 0 "100%" ""
row "bare POST at $bare_rate /s, open loop (Ordo.Load)" "$achieved /s" "$lp50 ms" "$lp99 ms" "$lbad" "-" "p90 $lp90 ms, max $lmax ms, $over over 1 s"

# ---- 2. Ordo on each store
ordo_port=18191
U=http://127.0.0.1:$ordo_port
NATIVE='Authorization: Bearer ordo_demo_native_key'
ADMIN='Authorization: Bearer ordo_demo_admin_key'
JSON='Content-Type: application/json'
ADDRESS=TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t

# libpq's variables from the Npgsql connection string with-postgres.sh exports.
if [ -n "${ORDO_TEST_POSTGRES:-}" ]; then
  IFS=';' read -ra fields <<<"$ORDO_TEST_POSTGRES"
  for field in "${fields[@]}"; do
    case "${field%%=*}" in
      Host) export PGHOST=${field#*=} ;; Port) export PGPORT=${field#*=} ;; Username) export PGUSER=${field#*=} ;;
      Password) export PGPASSWORD=${field#*=} ;; Database) export PGDATABASE=${field#*=} ;;
    esac
  done
fi

# One SQL statement on the running server's database; rows as "a|b" lines.
sql() {
  if [ "$store" = sqlite ]; then sqlite3 "$db" "$1"; else PGOPTIONS="-c search_path=$schema" psql -X -q -t -A -v ON_ERROR_STOP=1 -c "$1"; fi
}

start_ordo() { # dll
  if [ "$store" = sqlite ]; then
    db=$dir/ordo-$RANDOM.db
    local conn=$db
    Ordo__RateLimitPerSecond=0 Feee__CancelNotBefore=00:00:00 dotnet "$1" serve --demo --db "$conn" --urls "$U" >"$dir/ordo.log" 2>&1 &
  else
    schema=ordo_sbs_$RANDOM
    psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA $schema"
    ORDO_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) Ordo__RateLimitPerSecond=0 Feee__CancelNotBefore=00:00:00 \
      dotnet "$1" serve --demo --db "$ORDO_TEST_POSTGRES;Search Path=$schema" --urls "$U" >"$dir/ordo.log" 2>&1 &
  fi
  servers+=($!)
  server=${servers[-1]}
  wait_ready "$U/readyz" "$server" "$dir/ordo.log"
  account=$(curl -sf -H "$NATIVE" "$U/v1/orders?limit=1" | jq -r '.data[0].account_id')
  # Enough money that no scenario runs out of it (cancels refund, places lock).
  for money in TRX:100000000 USDC:1000000000 BTC:1000000; do
    curl -sf -X POST "$U/v1/accounts/$account/deposits" -H "$ADMIN" -H "$JSON" \
      -d "{\"asset\":\"${money%%:*}\",\"amount\":\"${money#*:}\",\"external_id\":\"bench-${money%%:*}\"}" >/dev/null
  done
}

newest() { sql "SELECT coalesce(max(id), 0) FROM orders"; }

# Places with wrk, SECONDS (or PLACE_SECONDS) at a time, until at least $2 orders exist above id $1 (at most 8 rounds).
place_until() { # after-id count wrk-args...
  local after=$1 want=$2 have; shift 2
  for round in $(seq 1 8); do
    have=$(sql "SELECT count(*) FROM orders WHERE id > $after")
    [ "$have" -ge "$want" ] && break
    wrk -t2 -c"$conns" -d"${PLACE_SECONDS:-$secs}s" "$@" >"$dir/placing.wrk" 2>&1 || true
  done
  have=$(sql "SELECT count(*) FROM orders WHERE id > $after")
  say "  $have orders placed for it (wanted $want)"
}

# Open native rentals above an id as cancel lines, oldest first.
rental_cancels() { # after-id file
  sql "SELECT id FROM orders WHERE id > $1 AND kind = 'Rental' AND dialect = 'native' AND state = 'Open' ORDER BY id" |
    awk '{printf "POST\t/v1/orders/%s/cancel\n", $1}' >"$2"
}

run_ordo() { # dll build-label
  label="$store${2:+ $2}"
  say "$label: starting ordo serve --demo"
  start_ordo "$1"
  local base; base=$(newest)

  # Durable place: native rentals (bench/place.lua), then more of them for the cancels to come.
  say "$label: durable place"
  wrk_run place "$secs" -H "$JSON" -s bench/place.lua "$U"
  local place_rps=$rps
  row "place (rental, escrow, durable)" "$rps /s" "$p50" "$p99" "$non2xx" "$(ratio "$rps" "$bare_post")" "$notes"
  place_until "$base" $((place_rps * secs * 3)) -H "$JSON" -s bench/place.lua "$U"

  say "$label: first cancel"
  rental_cancels "$base" "$dir/cancels.lines"
  local first_cancelled; first_cancelled=$(head -1 "$dir/cancels.lines" | cut -f2 | cut -d/ -f4)
  LINES=$dir/cancels.lines wrk_run cancel "$secs" -H "$NATIVE" -s bench/lines.lua "$U"
  local cancel_rps=$rps
  [ "$non2xx" -gt 0 ] && notes="${notes:+$notes, }ran out of $(wc -l <"$dir/cancels.lines") open orders?"
  row "first cancel (native, refund, durable)" "$rps /s" "$p50" "$p99" "$non2xx" "$(ratio "$rps" "$bare_post")" "$notes"

  say "$label: repeated cancel, GET, list"
  printf 'POST\t/v1/orders/%s/cancel\n' "$first_cancelled" >"$dir/again.lines"
  LINES=$dir/again.lines ONCE=0 wrk_run again "$secs" -H "$NATIVE" -s bench/lines.lua "$U"
  row "repeated cancel (of a cancelled order)" "$rps /s" "$p50" "$p99" "$non2xx" "$(ratio "$rps" "$bare_post")" "$notes"
  wrk_run get "$secs" -H "$NATIVE" "$U/v1/orders/$first_cancelled"
  row "GET one order" "$rps /s" "$p50" "$p99" "$non2xx" "$(ratio "$rps" "$bare_get")" "$notes"
  wrk_run list "$secs" -H "$NATIVE" "$U/v1/orders?limit=20"
  row "list orders (20 a page)" "$rps /s" "$p50" "$p99" "$non2xx" "$(ratio "$rps" "$bare_get")" "$notes"

  # Each dialect: its orders placed beforehand (twice what the fastest cancel so far would take in
  # SECONDS), then its own cancel request for each, once. Had fewer been placed, the run is
  # shortened to what they last at the native cancel rate, and says so.
  local fastest=$cancel_rps want after
  plan() { want=$(( fastest * secs * 2 + 500 )); }
  plan
  dialect_cancel() { # name ok-text cancel-headers...
    local name=$1 ok=$2; shift 2
    local headers=() count seconds
    for h in "$@"; do headers+=(-H "$h"); done
    count=$(wc -l <"$dir/$name.lines")
    seconds=$(( count * 9 / (10 * (cancel_rps > 0 ? cancel_rps : 1)) ))
    seconds=$(( seconds < 1 ? 1 : seconds > secs ? secs : seconds ))
    say "$label: $name cancel ($count orders, ${seconds}s)"
    LINES=$dir/$name.lines OK=$ok wrk_run "cancel-$name" "$seconds" -H "$JSON" "${headers[@]}" -s bench/lines.lua "$U"
    [ "$non2xx" -gt 0 ] && notes="${notes:+$notes, }ran out of orders?"
    [ "$seconds" -lt "$secs" ] && notes="${notes:+$notes, }${seconds}s (only $count orders placed)"
    row "$name cancel (first, of distinct open orders)" "$rps /s" "$p50" "$p99" "$non2xx" "$(ratio "$rps" "$bare_post")" "$notes"
    [ "$non2xx" -eq 0 ] && [ "$rps" -gt "$fastest" ] && fastest=$rps
    plan
  }

  say "$label: placing Feee orders"
  after=$(newest)
  printf 'POST\t/open/v2/order/submit\t{"resource_type":1,"receive_address":"%s","resource_value":32000,"rent_duration":1,"rent_time_unit":"h"}\n' "$ADDRESS" >"$dir/feee-place.lines"
  LINES=$dir/feee-place.lines ONCE=0 place_until "$after" "$want" -H "$JSON" -H 'key: ordo_demo_feee_key' -s bench/lines.lua "$U"
  sql "SELECT number FROM orders WHERE id > $after AND dialect = 'feee' AND state = 'Open' ORDER BY id" |
    awk '{printf "POST\t/open/v2/order/cancel\t{\"order_no\":\"%s\"}\n", $1}' >"$dir/feee.lines"
  dialect_cancel feee '"code":0,' 'key: ordo_demo_feee_key'

  say "$label: placing Tronify orders"
  after=$(newest)
  local sign='print uc Digest::MD5::md5_hex("$ARGV[0]&key=ordo_demo_tronify_secret")'
  local flag; flag=$(perl -MDigest::MD5 -e "$sign" "fromAddress=$ADDRESS&orderPrice=60&orderType=ENERGY&pledgeAddress=$ADDRESS&pledgeDay=1&pledgeHour=0&pledgeMinute=0&pledgeNum=32000&sourceFlag=tronLink")
  printf 'POST\t/api/tronRent/addTronRentRecord\t{"fromAddress":"%s","pledgeAddress":"%s","pledgeNum":32000,"pledgeDay":1,"pledgeHour":0,"pledgeMinute":0,"orderType":"ENERGY","orderPrice":"60","sourceFlag":"tronLink","flag":"%s"}\n' \
    "$ADDRESS" "$ADDRESS" "$flag" >"$dir/tronify-place.lines"
  LINES=$dir/tronify-place.lines ONCE=0 place_until "$after" "$want" -H "$JSON" -s bench/lines.lua "$U"
  # Each cancel signed: flag = MD5 of "orderId=...&sourceFlag=tronLink&key=<secret>" (TronifyFlag).
  sql "SELECT number FROM orders WHERE id > $after AND dialect = 'tronify' AND state = 'Open' ORDER BY id" |
    perl -MDigest::MD5 -ne 'chomp; my $f = uc Digest::MD5::md5_hex("orderId=$_&sourceFlag=tronLink&key=ordo_demo_tronify_secret");
      print "POST\t/api/tronRent/cancelOrder\t{\"orderId\":\"$_\",\"sourceFlag\":\"tronLink\",\"flag\":\"$f\"}\n"' >"$dir/tronify.lines"
  dialect_cancel tronify '"resCode":100,'

  say "$label: placing limit orders for tanX"
  after=$(newest)
  printf 'POST\t/v1/orders\t{"kind":"limit","market":"btcusdc","side":"buy","price":"1000","quantity":"0.0001"}\n' >"$dir/limit-place.lines"
  LINES=$dir/limit-place.lines ONCE=0 place_until "$after" "$want" -H "$JSON" -H "$NATIVE" -s bench/lines.lua "$U"
  sql "SELECT id FROM orders WHERE id > $after AND kind = 'Limit' AND state = 'Open' ORDER BY id" |
    awk '{printf "POST\t/sapi/v1/orders/cancel/\t{\"order_id\":%s}\n", $1}' >"$dir/tanx.lines"
  local jwt; jwt=$(dotnet "$1" tanx-login --url "$U" --private-key 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318)
  dialect_cancel tanx '"status":"success"' "Authorization: JWT $jwt"

  say "$label: placing store orders for Fungies"
  after=$(newest)
  printf 'POST\t/v1/orders\t{"kind":"purchase","currency":"USD","amount":"19.99","items":1}\n' >"$dir/purchase-place.lines"
  LINES=$dir/purchase-place.lines ONCE=0 place_until "$after" "$want" -H "$JSON" -H "$NATIVE" -s bench/lines.lua "$U"
  sql "SELECT uuid FROM orders WHERE id > $after AND kind = 'Purchase' AND state = 'Pending' ORDER BY id" |
    awk '{printf "PATCH\t/v0/orders/%s/cancel\t{}\n", $1}' >"$dir/fungies.lines"
  dialect_cancel fungies '"CANCELLED"' 'x-fngs-public-key: pub_ordo_demo_fungies' 'x-fngs-secret-key: sec_ordo_demo_fungies'

  # XendBridge takes one open order per customer: each order its own e-mail. Its place looks for an
  # open p2p order with that e-mail. Until SQLite's migration 014 that read all of the account's
  # orders, inside the writer, so these orders are spread over fresh tenants, 500 each, each line
  # with its tenant's secretKey, placed with Ordo.Load; kept so that runs compare with earlier ones.
  say "$label: placing XendBridge orders (on fresh tenants, 500 each)"
  after=$(newest)
  local xend_account xend_key
  for i in $(seq 1 "$want"); do
    if [ $(( (i - 1) % 500 )) -eq 0 ]; then
      xend_account=$(curl -sf -X POST "$U/v1/accounts" -H "$ADMIN" -H "$JSON" -d "{\"name\":\"bench xendbridge $i\"}" | jq -r .id)
      xend_key=$(curl -sf -X POST "$U/v1/accounts/$xend_account/credentials" -H "$ADMIN" -H "$JSON" -d '{"dialect":"xendbridge"}' | jq -r .secret_key)
      echo "$xend_account $xend_key" >>"$dir/xend-tenants"
    fi
    printf 'POST\t/api/PeerToPeerOrder/Buy/Initiate\t{"emailAddress":"bench-%d@example.com","phoneNumber":"+2348012345678","userName":"buyer","payInCurrencyCode":"NGN","payInCurrencyNetwork":"LOCAL","receiveInCurrencyCode":"USDT","receiveInCurrencyNetwork":"BSC","orderAmount":16000,"consumerDepositMethod":{"paymentMethod":"BankTransfer"},"consumerReceiptMethod":{"walletAddress":"0xabc"}}\tsecretKey: %s\n' "$i" "$xend_key"
  done >"$dir/xend-place.lines"
  place_exactly "$dir/xend-place.lines"
  local email="json_extract(attributes, '$.customer_email')"
  [ "$store" = postgres ] && email="attributes->>'customer_email'"
  sql "SELECT account_id, number, $email FROM orders WHERE id > $after AND dialect = 'xendbridge' AND state = 'Acknowledged' ORDER BY id" | tr '|' ' ' |
    awk 'NR == FNR {key[$1] = $2; next}
      {printf "POST\t/api/PeerToPeerOrder/ThirdParty/Order/Cancel\t{\"emailAddress\":\"%s\",\"orderReference\":\"%s\"}\tsecretKey: %s\n", $3, $2, key[$1]}' \
    "$dir/xend-tenants" - >"$dir/xendbridge.lines"
  rm -f "$dir/xend-tenants"
  dialect_cancel xendbridge '"data":true'

  # Bulk cancel: 1,000 open limit buys on ethusdc (the demo account has none there otherwise),
  # placed exactly with Ordo.Load, then cancelled by market, 500 a request (the endpoint's limit).
  say "$label: bulk cancel of 1,000 orders"
  printf 'POST\t/v1/orders\t{"kind":"limit","market":"ethusdc","side":"buy","price":"100","quantity":"0.001"}\n%.0s' $(seq 1 1000) >"$dir/bulk-place.lines"
  place_exactly "$dir/bulk-place.lines" --header "$NATIVE"
  local open_eth; open_eth=$(sql "SELECT count(*) FROM orders WHERE account_id = $account AND market = 'ethusdc' AND state = 'Open'")
  local times=() cancelled=0 refused=0 start end
  start=$(date +%s.%N)
  for _ in 1 2; do
    local answer
    answer=$(curl -s -o "$dir/bulk.json" -w '%{http_code} %{time_total}' -X POST "$U/v1/orders/cancel" -H "$NATIVE" -H "$JSON" -d '{"market":"ethusdc","kind":"limit"}')
    times+=("$(awk -v t="${answer#* }" 'BEGIN {printf "%.0f ms", t * 1000}')")
    [ "${answer%% *}" = 200 ] || refused=$((refused + 1))
    cancelled=$((cancelled + $(grep -o '"outcome":"cancelled"' "$dir/bulk.json" | wc -l || true)))
  done
  end=$(date +%s.%N)
  row "bulk cancel of $open_eth open orders, 2 requests" \
    "$(awk -v n="$cancelled" -v s="$start" -v e="$end" 'BEGIN {printf "%d orders/s", n / (e - s)}')" "${times[0]}" "${times[1]}" \
    "$refused" "-" "$cancelled cancelled; p50 and p99 here: the two requests' latencies"

  # Mixed flow: a second tenant sells into the demo account's buys (fills); first cancels of open rentals.
  say "$label: mixed flow"
  local seller seller_key
  seller=$(curl -sf -X POST "$U/v1/accounts" -H "$ADMIN" -H "$JSON" -d '{"name":"bench seller"}' | jq -r .id)
  seller_key=$(curl -sf -X POST "$U/v1/accounts/$seller/credentials" -H "$ADMIN" -H "$JSON" -d '{"dialect":"native"}' | jq -r .key)
  curl -sf -X POST "$U/v1/accounts/$seller/deposits" -H "$ADMIN" -H "$JSON" -d '{"asset":"BTC","amount":"100000","external_id":"bench-seller"}' >/dev/null
  place_until "$(newest)" $((place_rps * secs)) -H "$JSON" -s bench/place.lua "$U"
  rental_cancels "$base" "$dir/mixed-cancels.lines"
  local trades_before; trades_before=$(sql "SELECT count(*) FROM trades")
  CANCELS=$dir/mixed-cancels.lines SELLER=$seller_key GET_ID=$first_cancelled \
    wrk_run mixed "$secs" -H "$NATIVE" -H "$JSON" -s bench/mixed.lua "$U"
  local fills=$(( $(sql "SELECT count(*) FROM trades") - trades_before ))
  row "mixed flow (25% place, 30% crossing limits, 15% first cancel, 30% reads)" "$rps /s" "$p50" "$p99" "$non2xx" "$(ratio "$rps" "$bare_post")" \
    "${notes:+$notes, }$fills fills"

  # Half of the peak rates, open loop.
  say "$label: place at half of its peak ($((place_rps / 2)) /s, ${half_secs}s), open loop"
  printf 'POST\t/v1/orders\t{"kind":"rental","quantity":"100","price":"0.001","duration_seconds":3600,"receive_address":"%s"}\n' "$ADDRESS" >"$dir/place.lines"
  LOAD_SECONDS=$half_secs load_run place-half "$U" $((place_rps / 2)) "$dir/place.lines" --header "$NATIVE"
  row "place at half its peak, open loop" "$achieved /s" "$lp50 ms" "$lp99 ms" "$lbad" "-" "p90 $lp90 ms, max $lmax ms, $over over 1 s"
  say "$label: first cancel at half of its peak ($((cancel_rps / 2)) /s, ${half_secs}s), open loop"
  PLACE_SECONDS=$(( half_secs > secs ? half_secs / 2 : secs )) place_until "$(newest)" $((cancel_rps * (half_secs + 1) * 2 / 3 + 100)) -H "$JSON" -s bench/place.lua "$U"
  rental_cancels "$base" "$dir/half-cancels.lines"
  LOAD_SECONDS=$half_secs load_run cancel-half "$U" $((cancel_rps / 2)) "$dir/half-cancels.lines" --once --header "$NATIVE"
  row "first cancel at half its peak, open loop" "$achieved /s" "$lp50 ms" "$lp99 ms" "$lbad" "-" \
    "p90 $lp90 ms, max $lmax ms, $over over 1 s$([ "$ranout" = 1 ] && echo ', ran out of orders')"

  row "resident memory after the run" "$(awk '/VmRSS/ {printf "%d MB", $2 / 1024}' "/proc/$server/status")" "" "" "" "" \
    "$(sql "SELECT count(*) FROM orders") orders, $(sql "SELECT count(*) FROM orders WHERE state IN ('Open', 'Pending', 'Acknowledged')") open"
  stop_servers
}

IFS=',' read -ra store_list <<<"$stores"
for store in "${store_list[@]}"; do
  if [ -n "${ORDO_BEFORE:-}" ]; then run_ordo "$ORDO_BEFORE" before; fi
  run_ordo "$current_dll" ""
done

label="bare"
say "bare endpoint again (this run's drift)"
bare last post
row "bare POST again, at the end" "$bare_post_now /s" "$bare_post_p50" "$bare_post_p99" 0 "$(ratio "$bare_post_now" "$bare_post")" "the drift between the two bare runs is this run's noise"

echo
echo "$(date -u +%F), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (modified)'), $(nproc) cores, load average $load_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end, ${secs}s a scenario ($half_secs s at half rate), $conns connections, wrk -t2"
[ "$stores" != "${stores/postgres/}" ] && echo "PostgreSQL $(psql -X -t -A -c 'SHOW server_version'), fsync on, defaults otherwise (scripts/with-postgres.sh)"
echo
echo "| where | scenario | throughput | p50 | p99 | non-2xx | x bare | notes |"
echo "|---|---|---|---|---|---|---|---|"
cat "$dir/rows"
