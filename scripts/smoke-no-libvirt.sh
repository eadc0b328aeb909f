#!/usr/bin/env bash
# Without libvirt's client library the app must still open and say what to install; the inventory
# command must report it per host. Hides the library in a private mount namespace (bind-mounts
# /dev/null over it: root only) and runs target/rackdesk.jar there.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
[[ -f target/rackdesk.jar ]] || die "target/rackdesk.jar missing: run ./mvnw package first"
hint='the libvirt client library is not installed\. Install it with: sudo apt-get install libvirt0'
hidden() { without_libraries 'libvirt.so.0.*' "$@"; }
set +e
out=$(hidden java -jar target/rackdesk.jar inventory --connect test:///default 2>&1)
code=$?
set -e
((code == 1)) || { printf '%s\n' "$out" >&2; die "inventory without libvirt exited $code, expected 1"; }
grep -qE "rackdesk inventory: test:///default: $hint" <<<"$out" || { printf '%s\n' "$out" >&2; die "inventory did not say what to install"; }
log "inventory without libvirt: exit 1, says what to install"
EXPECT="failed: $hint" hidden bash scripts/smoke-gui.sh
