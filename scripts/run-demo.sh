#!/usr/bin/env bash
# Builds Rackdesk and opens it. On a first run (no settings yet) it shows the bundled demo host, a
# libvirt test-driver fixture with a dozen VMs: no libvirtd needed. Installs missing Debian packages.
#   scripts/run-demo.sh [rackdesk options, e.g. --config-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}" "${GUI_PACKAGES[@]}"
[[ -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]] || log "warning: no DISPLAY set; the window needs a desktop session (or Xvfb)"
./mvnw -B -q -DskipTests package
mapfile -t jvm_options < <(desktop_jvm_options)
exec java "${jvm_options[@]}" -jar target/rackdesk.jar "$@"
