#!/usr/bin/env bash
# Runs the whole test suite, the way CI does (.ci/run calls exactly this).
#
# Tests start real etcd and MariaDB processes from Debian's packages; Maven cannot bring those, so when they are
# missing and we run as root they are installed first. Extra arguments go to Maven (e.g. -pl binlog-core).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }
have mariadbd || missing+=(mariadb-server)
have etcd || missing+=(etcd-server)
have etcdctl || missing+=(etcd-client)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${missing[*]} from Debian's packages"
    # Tests run private instances; keep the packages from starting system-wide services (which fails on machines
    # without an init system and would hold the default ports).
    policy=/usr/sbin/policy-rc.d
    added_policy=
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && added_policy=1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ -z "$added_policy" ] || rm -f "$policy"
  else
    echo "test.sh: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
    echo "test.sh: tests that need them will fail with the same message" >&2
  fi
fi

exec mvn -B --no-transfer-progress verify "$@"
