#!/usr/bin/env bash
# virt-manager on the fleet benchmark's fixture, for docs/benchmarks.md: the Debian package (4.1 on
# Debian 12) under its own Xvfb, opening the very test-driver host FleetBench's host 0 is (VMS generated
# VMs, seed 1000). Prints the time to list all VMs, then idle CPU and RSS after a warm-up, in the style
# of scripts/bench-fleet.sh. Not a test. Installs virt-manager (without recommends: no libvirtd).
#   scripts/bench-virt-manager.sh [VMS=1000] [SECONDS=30] [WARMUP_SECONDS=150]
# Optional: LOG=FILE keeps virt-manager's time-stamped debug log; SCREENSHOT=FILE.png shoots the screen
# once the VMs are listed (needs ImageMagick's import).
#
# What "listed" means: virt-manager started with --connect builds its main window only once the
# connection is open, and the connection only reports itself open after its first full poll has added
# every domain (connection.py, _populate_initial_state waits until each new object has been
# initialised and added). The window's constructor then appends one row per domain to the tree model
# the VM list shows, synchronously, and only then logs "Showing manager" (manager.py, show()). So the
# moment that line arrives on virt-manager's --debug output, all VMS rows are in the list's model and
# the window has been presented; painting the first screenful follows on the next frame. That is the
# same point FleetBench stops its clock (all rows in the table's model). We also check that exactly VMS
# "domain=... added" lines came before it, so a partial list cannot pass. Times are taken when each
# line is read from the pipe (python logging flushes every record), from just before virt-manager is
# started, so they include the interpreter's start and its GTK/libvirt imports.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
vms=${1:-1000}
seconds=${2:-30}
warmup=${3:-150}
seed=1000   # FleetBench's host 0
ensure_packages "${BUILD_PACKAGES[@]}" virt-manager xvfb dbus-daemon python3 libglib2.0-bin
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"

work=$(mktemp -d -t rackdesk-bench-vmm.XXXXXX)
xvfb='' dbus='' stamper='' app=''
stop() {   # stop PID: TERM, then reap, so the killed processes' exit codes (143) are not the script's
  [[ -n $1 ]] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  stop "$app"
  if [[ -n ${LOG:-} && -f $work/virt-manager.log ]]; then cp "$work/virt-manager.log" "$LOG"; fi
  stop "$stamper"
  stop "$dbus"
  stop "$xvfb"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

uri=$(java -Xlog:disable -cp "$cp" io.rackdesk.bench.WriteFixture "$work/fixture" "$vms" "$seed")
[[ $uri == test:///* ]] || die "WriteFixture printed no test:/// URI: $uri"

start_xvfb
xvfb=$XVFB_PID disp=$XVFB_DISPLAY

# A private, empty world: its own HOME and XDG folders (no saved connections, nothing written to the
# user's ~/.config or ~/.cache), settings in memory instead of dconf, and a session bus of its own, so
# the GtkApplication cannot hand our --connect to a virt-manager already running on the user's bus.
mkdir -p "$work/home" "$work/run"
chmod 700 "$work/run"
dbus-daemon --session --address="unix:path=$work/bus" --nofork </dev/null >/dev/null 2>&1 &
dbus=$!
for _ in $(seq 1 50); do [[ -S $work/bus ]] && break; sleep 0.1; done
[[ -S $work/bus ]] || die "dbus-daemon did not start"
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache \
  XDG_DATA_HOME=$work/home/.local/share XDG_STATE_HOME=$work/home/.local/state XDG_RUNTIME_DIR=$work/run \
  GSETTINGS_BACKEND=memory DBUS_SESSION_BUS_ADDRESS=unix:path=$work/bus NO_AT_BRIDGE=1 DISPLAY=$disp
unset LIBVIRT_DEFAULT_URI SESSION_MANAGER

# virt-manager's --debug output goes through a FIFO to a small stamper that prefixes each line with the
# time it arrived (the log's own timestamps have whole seconds only).
log=$work/virt-manager.log
mkfifo "$work/out"
/usr/bin/python3 -c '
import sys, time
out = sys.stdout.buffer
for line in sys.stdin.buffer:
    out.write(b"%.6f " % time.time() + line)
    out.flush()
' <"$work/out" >"$log" &
stamper=$!
now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
# Stamp of the first line matching the extended regex $1 (empty when none yet).
stamp_of() { grep -m1 -E "$1" "$log" | cut -d' ' -f1 || true; }

t0=$(now)
# /usr/bin/virt-manager is a python3 script run directly: $! is the python process itself (checked below).
# --no-fork keeps it in the foreground; --debug logs to stderr.
virt-manager --no-fork --debug --connect "$uri" </dev/null >"$work/out" 2>&1 &
app=$!
shown=
for _ in $(seq 1 6000); do   # 10 minutes at most
  shown=$(stamp_of 'DEBUG \(manager:[0-9]+\) Showing manager')
  [[ -n $shown ]] && break
  kill -0 "$app" 2>/dev/null || { tail -n 40 "$log" >&2; die "virt-manager exited before listing the VMs"; }
  sleep 0.05
done
[[ -n $shown ]] || { tail -n 40 "$log" >&2; die "virt-manager did not show its window within 10 minutes"; }
exe=$(readlink "/proc/$app/exe")
if [[ $exe != */python3* ]] || ! grep -qa virt-manager "/proc/$app/cmdline"; then
  die "PID $app is $exe, not virt-manager's python"
fi

listed=$(awk '/DEBUG \(manager:[0-9]+\) Showing manager/ { exit } / DEBUG \(connection:[0-9]+\) domain=.* added$/ { n++ } END { print n + 0 }' "$log")
((listed == vms)) || { tail -n 40 "$log" >&2; die "virt-manager added $listed domains before showing its window, expected $vms"; }
requested=$(stamp_of 'DEBUG \(engine:[0-9]+\) processing cli command')
active=$(stamp_of 'DEBUG \(connection:[0-9]+\) conn=.* changed to state=Active')
version=$(grep -m1 -oE 'Version [0-9.]+ launched' "$log" | cut -d' ' -f2)
gtk=$(grep -m1 -oE 'GTK version: [0-9.]+' "$log" | cut -d' ' -f3)
libvirt=$(grep -m1 -oE 'library=[0-9.]+' "$log" | cut -d= -f2)
interval=$(gsettings get org.virt-manager.virt-manager.stats update-interval)   # the schema's default: settings are in memory
printf 'virt-manager %s, %s, GTK %s, libvirt %s, %s cores\n' "$version" "$("$exe" -V)" "$gtk" "$libvirt" "$(nproc)"
printf 'virt-manager %s: 1 host x %d VMs: connection requested after %s ms, active after %s ms, all %d VMs listed after %s ms (from launch)\n' \
  "$version" "$vms" "$(ms "$t0" "$requested")" "$(ms "$t0" "$active")" "$vms" "$(ms "$t0" "$shown")"
if [[ -n ${SCREENSHOT:-} ]] && command -v import >/dev/null 2>&1; then
  sleep 1   # let the list paint
  import -window root "$SCREENSHOT"
  log "screenshot: $SCREENSHOT"
fi

# Idle: after the warm-up, CPU of the whole process (utime + stime in /proc/PID/stat count every
# thread's time) over SECONDS of wall time, at virt-manager's default stats interval; then VmRSS.
cpu_ticks() {
  local stat fields
  stat=$(<"/proc/$app/stat")
  read -r -a fields <<<"${stat##*) }"   # fields[0] is field 3 (state): utime is 14, stime 15
  echo $((fields[11] + fields[12]))
}
sleep "$warmup"
kill -0 "$app" 2>/dev/null || die "virt-manager exited during the warm-up"
c0=$(cpu_ticks) w0=$(now)
sleep "$seconds"
c1=$(cpu_ticks) w1=$(now)
rss=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$app/status")
cpu=$(awk -v c="$((c1 - c0))" -v hz="$(getconf CLK_TCK)" -v a="$w0" -v b="$w1" 'BEGIN { printf "%.1f", 100 * c / hz / (b - a) }')
printf 'virt-manager %s: idle with %d VMs at the default %s s tick: %s %% of one core over %d s, RSS %s MiB\n' \
  "$version" "$vms" "$interval" "$cpu" "$seconds" "$rss"
slow=$(grep -c 'Tick is slow' "$log" || true)
((slow == 0)) || log "virt-manager logged 'Tick is slow, not running at requested rate' $slow time(s)"
