#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: `scripts/with-postgres.sh dotnet test Ordo.sln`.
# When ORDO_TEST_POSTGRES is already set, the command simply runs against that server. Otherwise the
# script installs Debian's postgresql package when initdb is absent, runs initdb and pg_ctl (as the
# postgres user when run as root: the server refuses root) in a temporary directory on a free
# loopback port, creates a role and a database for the tests, exports ORDO_TEST_POSTGRES as an
# Npgsql connection string, runs the command, and always stops the cluster and removes the directory.
# Exits with the command's exit code.
set -uo pipefail

if [ -n "${ORDO_TEST_POSTGRES:-}" ]; then
  exec "$@"
fi

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"; fi
}

bin=$(find_bin)
if [ -z "$bin" ]; then
  echo "with-postgres: installing Debian's postgresql package" >&2
  "$(dirname "$0")/apt-install.sh" postgresql >&2
  bin=$(find_bin)
  [ -n "$bin" ] || { echo "with-postgres: initdb not found after installing postgresql" >&2; exit 1; }
fi
psql="$bin/psql"; [ -x "$psql" ] || psql=$(command -v psql)

# The server refuses to run as root: as root, everything server-side runs as the postgres user.
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  as_server=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ordo-pg.XXXXXX")
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
chmod 700 "$dir"

cleanup() {
  "${as_server[@]}" "$bin/pg_ctl" stop -D "$dir/data" -m immediate -w >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_server[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --no-locale -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=""
for _ in $(seq 1 20); do
  port=$((20000 + RANDOM % 40000))
  port_free "$port" || continue
  # fsync on: the tests and benchmarks measure durable commits.
  if "${as_server[@]}" "$bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=on -c max_connections=200" >/dev/null; then
    started=1; break
  fi
done
[ -n "$started" ] || { echo "with-postgres: the server did not start" >&2; cat "$dir/server.log" >&2; exit 1; }

password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
"${as_server[@]}" "$psql" -q -X -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
  -c "CREATE ROLE ordo_test LOGIN PASSWORD '$password'" -c "CREATE DATABASE ordo_test OWNER ordo_test" >/dev/null \
  || { echo "with-postgres: could not create the test role and database" >&2; exit 1; }

export ORDO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=ordo_test;Password=$password;Database=ordo_test"
echo "with-postgres: PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port in $dir (stopped and removed afterwards)"

"$@"
exit $?
