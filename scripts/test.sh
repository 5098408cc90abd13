#!/usr/bin/env bash
# The README's test command, as CI runs it: every test (the store suite on SQLite and on PostgreSQL),
# then the HTTP suites of the native API, tanX and tenant isolation a second time with their servers
# on PostgreSQL (ORDO_TEST_STORE=postgres), all on one throwaway cluster from scripts/with-postgres.sh.
#   scripts/test.sh              everything (what .ci/run runs)
#   scripts/test.sh FILTER       only the tests a `dotnet test --filter` expression picks, with the same
#                                cluster (e.g. ORDO_CRASH_CYCLES=50 scripts/test.sh FullyQualifiedName~CrashLoop)
# Installs Debian's haproxy when absent (the load balancer test runs it). Exits non-zero if any run
# failed; every run is made even when an earlier one failed.
set -uo pipefail
cd "$(dirname "$0")/.."

# Tests that open a SQLite file of their own are tagged SqliteOnly: the second run would only repeat them.
postgres_suites='(FullyQualifiedName~Ordo.Server.Tests.Native.|FullyQualifiedName~Ordo.Server.Tests.Tanx.|FullyQualifiedName~Ordo.Server.Tests.Tenants.)&Category!=SqliteOnly'

if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
  scripts/apt-install.sh haproxy
fi
# Without a server of the caller's, the rest runs again inside a throwaway cluster.
if [ -z "${ORDO_TEST_POSTGRES:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

if [ $# -gt 0 ]; then
  exec dotnet test Ordo.sln --filter "$1"
fi

status=0
dotnet test Ordo.sln || status=$?
echo "test.sh: the native, tanX and tenant HTTP suites again, on PostgreSQL"
ORDO_TEST_STORE=postgres dotnet test tests/Ordo.Server.Tests --no-build --filter "$postgres_suites" || status=$?
exit $status
