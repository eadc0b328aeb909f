#!/usr/bin/env bash
# Without Ceph's client library (librados) 'rackdesk ceph-status' must not crash: it exits 1 with one
# line that says what to install. Hides the library in a private mount namespace (bind-mounts
# /dev/null over it: root only) and runs target/rackdesk.jar there.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
[[ -f target/rackdesk.jar ]] || die "target/rackdesk.jar missing: run ./mvnw package first"
key=$(mktemp)
trap 'rm -f "$key"' EXIT
echo 'AQBzqyxmAAAAABAAaVnZQm9yjGkNYVZYo9ai0w==' >"$key"   # well-formed, unknown to any cluster
hint="rackdesk ceph-status: the Ceph client libraries \(librados, librbd\) are not installed\. Install them with: sudo apt-get install librados2 librbd1"
set +e
out=$(without_libraries 'librados.so.2*' java -jar target/rackdesk.jar ceph-status --mon 127.0.0.1:6789 --id admin --key-file "$key" 2>&1)
code=$?
set -e
((code == 1)) || { printf '%s\n' "$out" >&2; die "ceph-status without librados exited $code, expected 1"; }
[[ $(wc -l <<<"$out") == 1 ]] && grep -qE "^$hint$" <<<"$out" \
  || { printf '%s\n' "$out" >&2; die "ceph-status without librados did not say in one line what to install"; }
log "ceph-status without librados: exit 1, says what to install"
