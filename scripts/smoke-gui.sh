#!/usr/bin/env bash
# Starts the packaged app (target/rackdesk.jar) under its own Xvfb with a fresh settings folder and
# waits until the main window lists the demo host's VMs; checks --help too. Optional: SCREENSHOT=FILE.png
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
[[ -f target/rackdesk.jar ]] || die "target/rackdesk.jar missing: run ./mvnw package first"

java -jar target/rackdesk.jar --help | grep -q '^Usage: rackdesk' || die "--help did not print the usage"

work=$(mktemp -d)
disp=:$((90 + RANDOM % 400))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
app=
cleanup() {   # the killed processes' exit codes (143) must not become the script's
  if [[ -n $app ]]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 50); do [[ -e /tmp/.X11-unix/X${disp#:} ]] && break; sleep 0.1; done

DISPLAY=$disp java -jar target/rackdesk.jar --config-dir "$work/config" >"$work/app.log" 2>&1 &
app=$!
ok=
for _ in $(seq 1 600); do
  if grep -q 'connected test://.*demo-host.xml: 14 VMs' "$work/app.log"; then ok=1; break; fi
  kill -0 "$app" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $ok ]]; then
  cat "$work/app.log" >&2
  die "the window did not list the demo VMs"
fi
sleep 1   # let the table paint
# GTK's OpenGL probe must stay off (GtkEnvironment): without a GPU it maps Mesa's LLVM, ~45 MiB resident
if [[ -z ${GDK_GL:-} ]] && grep -q 'libLLVM' "/proc/$app/maps"; then
  die "GTK loaded Mesa's LLVM: GDK_GL=disable was not in the environment before the toolkit started"
fi
if [[ -n ${SCREENSHOT:-} ]] && command -v import >/dev/null 2>&1; then
  DISPLAY=$disp import -window root "$SCREENSHOT"
  log "screenshot: $SCREENSHOT"
fi
log "GUI smoke test passed: the demo host's 14 VMs are listed"
