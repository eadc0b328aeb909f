#!/usr/bin/env bash
# Start-up benchmark of an installed (or any) Rackdesk launcher, for docs/benchmarks.md: RUNS cold
# starts under a fresh Xvfb and settings folder each, timing launch -> main window viewable (X11 map
# state of the stage's window, polled every 10 ms with xwininfo) and launch -> the demo host's VMs
# listed (the log line's time stamp), then the resident memory 5 s later. Prints the medians. Run as root to drop the file cache before each start (a cold start).
#   scripts/bench-startup.sh [LAUNCHER=/opt/rackdesk/bin/Rackdesk] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
launcher=${1:-/opt/rackdesk/bin/Rackdesk}
runs=${2:-5}
[[ -x $launcher ]] || die "no launcher at $launcher (install the .deb first: docs/packaging.md)"
ensure_packages xvfb x11-utils
now() { date +%s%N; }
times=() listed=() rss=()
app='' xvfb='' work=''
cleanup() {   # also when a run fails: no launcher or Xvfb left behind
  [[ -n $app ]] && { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
  [[ -n $xvfb ]] && { kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; }
  [[ -n $work ]] && rm -rf "$work"
  app='' xvfb='' work=''
}
# A desktop session has a D-Bus session bus: without one, GLib autolaunches a dbus-launch at each
# start that outlives the app and its display
bus_pid=
if [[ -z ${DBUS_SESSION_BUS_ADDRESS:-} ]] && command -v dbus-daemon >/dev/null 2>&1; then
  read -r DBUS_SESSION_BUS_ADDRESS bus_pid < <(dbus-daemon --session --fork --print-address=1 --print-pid=1 | paste -sd' ')
  export DBUS_SESSION_BUS_ADDRESS
fi
trap 'cleanup; [[ -z $bus_pid ]] || kill "$bus_pid" 2>/dev/null || true' EXIT
for i in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  start_xvfb "$work/xvfb.log"
  xvfb=$XVFB_PID disp=$XVFB_DISPLAY
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true   # cold file cache where allowed (root)
  t0=$(now)
  # no arguments, as the desktop entry starts it; the settings folder comes from the environment
  RACKDESK_CONFIG_DIR=$work/config DISPLAY=$disp "$launcher" >"$work/app.log" 2>&1 &
  app=$!
  shown=
  for _ in $(seq 1 3000); do
    # the stage's window (class io.rackdesk...), not GTK's unmapped leader window of the same name
    id=$(DISPLAY=$disp xwininfo -root -tree 2>/dev/null | awk '/"Rackdesk": \("io\.rackdesk/ { print $1; exit }')
    if [[ -n $id ]] && DISPLAY=$disp xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      shown=$(now)
      break
    fi
    kill -0 "$app" 2>/dev/null || break
    sleep 0.01
  done
  [[ -n $shown ]] || { cat "$work/app.log" "$work/xvfb.log" >&2; die "run $i: no Rackdesk window within 30 s (display $disp)"; }
  sleep 5
  kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$app/status")
  # the log's "HH:MM:SS.mmm ... connected test://...demo-host.xml: 14 VMs", against t0's time of day
  line=$(grep -m1 -E 'connected test://.*demo-host\.xml: [0-9]+ VMs' "$work/app.log" || true)
  [[ -n $line ]] || { cat "$work/app.log" >&2; die "run $i: the demo host was not listed within 5 s of the window"; }
  IFS=':.' read -r hh mm ss mss <<<"${line%% *}"
  t0_day=$(( (t0 / 1000000 + $(date +%z | sed -E 's/^([+-])0?([0-9]+)([0-9]{2})$/\1(\2*3600+\3*60)/') * 1000) % 86400000 ))
  listed_ms=$(( ((10#$hh * 3600 + 10#$mm * 60 + 10#$ss) * 1000 + 10#$mss - t0_day + 86400000) % 86400000 ))
  cleanup
  ms=$(( (shown - t0) / 1000000 ))
  times+=("$ms") listed+=("$listed_ms") rss+=($((kb / 1024)))
  printf 'run %d: window after %d ms, demo VMs listed after %d ms, RSS %d MiB 5 s later\n' "$i" "$ms" "$listed_ms" $((kb / 1024))
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf '%s: median of %d cold starts: window after %s ms, VMs listed after %s ms, RSS %s MiB\n' "$launcher" "$runs" \
  "$(median "${times[@]}")" "$(median "${listed[@]}")" "$(median "${rss[@]}")"
