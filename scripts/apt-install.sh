#!/usr/bin/env bash
# Installs Debian packages for the tests without starting their services: Debian's postinst scripts
# start what they install (postgresql's main cluster on port 5432, haproxy.service), and the tests
# run their own instances, so nothing installed here is left running. A policy-rc.d that answers 101
# ("action forbidden") is Debian's documented way to keep invoke-rc.d from starting services; it is
# removed afterwards unless it was already there.
set -euo pipefail
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
policy=/usr/sbin/policy-rc.d
ours=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  ours=1
fi
trap '[ "$ours" -eq 1 ] && $sudo rm -f "$policy"' EXIT
$sudo apt-get update -q
$sudo apt-get install -y -q "$@"
