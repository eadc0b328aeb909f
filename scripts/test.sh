#!/usr/bin/env bash
# Runs the whole test suite against real services: installs what is missing, starts the libvirt lab
# (libvirtd over tcp/TLS/ssh with a QEMU VM, all on 127.0.0.1), the Ceph lab (a mon, a mgr and three
# OSDs on 127.0.0.1, seeded with pools and RBD images) and the VNC lab (QEMU's VNC servers: plain,
# password, VeNCrypt x509, websocket), runs every test with Maven, checks
# the packaged app's window under Xvfb (also without libvirt's client library), builds the installers
# and starts the installed .deb, and stops the labs again whatever happened. Needs root (or
# sudo) for the packages and the lab.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}" "${GUI_PACKAGES[@]}" "${INSTALLER_PACKAGES[@]}" xvfb xauth x11-utils

export RACKDESK_LAB_DIR=${RACKDESK_LAB_DIR:-/tmp/rackdesk-lab/libvirt}
export RACKDESK_LAB_ENV=$RACKDESK_LAB_DIR/lab.env
export RACKDESK_CEPH_LAB_DIR=${RACKDESK_CEPH_LAB_DIR:-/tmp/rackdesk-lab/ceph}
export RACKDESK_CEPH_LAB_ENV=$RACKDESK_CEPH_LAB_DIR/ceph-lab.env
export RACKDESK_VNC_LAB_DIR=${RACKDESK_VNC_LAB_DIR:-/tmp/rackdesk-lab/vnc}
export RACKDESK_VNC_LAB_ENV=$RACKDESK_VNC_LAB_DIR/vnc.env
export RACKDESK_REQUIRE_LAB=1          # lab tests fail rather than skip if the lab is missing
stop_lab() {
  bash scripts/lab/stop-vnc-lab.sh || true
  as_root env RACKDESK_CEPH_LAB_DIR="$RACKDESK_CEPH_LAB_DIR" bash scripts/lab/stop-ceph-lab.sh || true
  as_root env RACKDESK_LAB_DIR="$RACKDESK_LAB_DIR" bash scripts/lab/stop-libvirt-lab.sh || true
}
trap stop_lab EXIT
as_root env RACKDESK_LAB_DIR="$RACKDESK_LAB_DIR" bash scripts/lab/start-libvirt-lab.sh >/dev/null
[[ -s $RACKDESK_LAB_ENV ]] || die "the lab did not write $RACKDESK_LAB_ENV"
# the Ceph lab cluster (1 mon, 1 mgr, 3 memstore OSDs on 127.0.0.1) with its pools and RBD images, made
# anew each run: memstore OSDs that were killed rather than stopped (a session's end) lose what was
# written since their last clean stop, silently
as_root env RACKDESK_CEPH_LAB_DIR="$RACKDESK_CEPH_LAB_DIR" bash scripts/lab/stop-ceph-lab.sh
as_root env RACKDESK_CEPH_LAB_DIR="$RACKDESK_CEPH_LAB_DIR" RACKDESK_CEPH_LAB_FRESH=1 bash scripts/lab/start-ceph-lab.sh >/dev/null
as_root env RACKDESK_CEPH_LAB_DIR="$RACKDESK_CEPH_LAB_DIR" bash scripts/lab/seed-ceph-lab.sh >/dev/null
[[ -s $RACKDESK_CEPH_LAB_ENV ]] || die "the Ceph lab did not write $RACKDESK_CEPH_LAB_ENV"
# QEMU's VNC servers for the RFB client's tests (ports 5930+ and 5780+, beside the libvirt lab's 5900/5700).
# Run as the user who runs the tests: they read the PNG files QEMU's screendump writes.
bash scripts/lab/start-vnc-lab.sh >/dev/null
[[ -s $RACKDESK_VNC_LAB_ENV ]] || die "the VNC lab did not write $RACKDESK_VNC_LAB_ENV"

# unit, ViewModel, headless UI (Monocle: no display needed) and lab tests; then the jar
env -u DISPLAY ./mvnw -B verify
bash scripts/smoke-gui.sh
as_root bash scripts/smoke-no-libvirt.sh      # the app without libvirt's client library
as_root bash scripts/smoke-no-librados.sh     # ceph-status without Ceph's client library
bash scripts/smoke-installer.sh               # .deb and .rpm built, the .deb installed, started, removed
