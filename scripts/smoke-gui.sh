#!/usr/bin/env bash
# Starts the packaged app under its own Xvfb with a fresh settings folder and waits until the main
# window lists the demo host's VMs; checks --help too. Optional: SCREENSHOT=FILE.png
#   scripts/smoke-gui.sh                          # java -jar target/rackdesk.jar
#   scripts/smoke-gui.sh /opt/rackdesk/bin/Rackdesk   # an installed app's launcher
# EXPECT: the log line (extended regex) that shows the window is up; default: the demo host's VMs listed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
if (($#)); then
  app_cmd=("$@")
else
  [[ -f target/rackdesk.jar ]] || die "target/rackdesk.jar missing: run ./mvnw package first"
  app_cmd=(java -jar target/rackdesk.jar)
fi

"${app_cmd[@]}" --help | grep -q '^Usage: rackdesk' || die "--help did not print the usage (${app_cmd[*]})"

work=$(mktemp -d)
xvfb=
app=
cleanup() {   # the killed processes' exit codes (143) must not become the script's
  if [[ -n $app ]]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  if [[ -n $xvfb ]]; then kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
start_xvfb "$work/xvfb.log"
xvfb=$XVFB_PID disp=$XVFB_DISPLAY

DISPLAY=$disp "${app_cmd[@]}" --config-dir "$work/config" >"$work/app.log" 2>&1 &
app=$!
expect=${EXPECT:-'connected test://.*demo-host\.xml: 14 VMs'}
ok=
for _ in $(seq 1 600); do
  if grep -qE "$expect" "$work/app.log"; then ok=1; break; fi
  kill -0 "$app" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $ok ]]; then
  cat "$work/app.log" >&2
  die "the app did not log /$expect/"
fi
sleep 1   # let the table paint
# the stage's own window (class io.rackdesk...; GTK's unmapped leader window has the same name) is on screen
id=$(DISPLAY=$disp xwininfo -root -tree | awk '/"Rackdesk": \("io\.rackdesk/ { print $1; exit }')
[[ -n $id ]] && DISPLAY=$disp xwininfo -id "$id" | grep -q 'Map State: IsViewable' || die "no Rackdesk window on the screen"
# Without a GPU neither JavaFX nor GTK may try OpenGL (LinuxGraphics): it maps Mesa's LLVM, ~80 MiB resident
if [[ -z ${GDK_GL:-} ]] && ! ls /dev/dri/renderD* /dev/nvidia[0-9]* >/dev/null 2>&1 && grep -q 'libLLVM' "/proc/$app/maps"; then
  die "Mesa's LLVM is mapped although this machine has no GPU: JavaFX or GTK tried OpenGL (see LinuxGraphics)"
fi
if [[ -n ${SCREENSHOT:-} ]] && command -v import >/dev/null 2>&1; then
  DISPLAY=$disp import -window root "$SCREENSHOT"
  log "screenshot: $SCREENSHOT"
fi
log "GUI smoke test passed (${app_cmd[*]}): the window is up and the log says /$expect/"
