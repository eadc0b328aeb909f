#!/usr/bin/env bash
# stop-vnc-lab.sh - undo start-vnc-lab.sh: removes $LAB_DIR/vnc.env first, then ends the lab's
# qemu (found by its pid file only, and only if that pid is still a qemu-system-x86 process):
# "quit" over QMP, then TERM, then KILL. --purge also deletes $LAB_DIR (certificates included).
# Exits 0 when there is nothing to stop.
set -euo pipefail
LAB_DIR=${RACKDESK_VNC_LAB_DIR:-/tmp/rackdesk-lab/vnc}
PURGE=
for a in "$@"; do
  case $a in
    --purge) PURGE=1 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) printf 'unknown option: %s\n' "$a" >&2; exit 2 ;;
  esac
done
[[ $LAB_DIR =~ ^/[A-Za-z0-9._/-]+$ && $LAB_DIR != / ]] || { echo "bad RACKDESK_VNC_LAB_DIR '$LAB_DIR'" >&2; exit 2; }
log() { printf '[rackdesk] %s\n' "$*" >&2; }
pid_alive() {
  local st
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $st && $st != Z && $(cat "/proc/$1/comm" 2>/dev/null) == "$2" ]]
}
wait_gone() {  # wait_gone TENTHS PID
  local i
  for ((i = 0; i < $1; i++)); do pid_alive "$2" qemu-system-x86 || return 0; sleep 0.1; done
  return 1
}

rm -f "$LAB_DIR/vnc.env"
PIDFILE=$LAB_DIR/run/qemu.pid
if [[ -s $PIDFILE ]] && pid_alive "$(cat "$PIDFILE")" qemu-system-x86; then
  pid=$(cat "$PIDFILE")
  if [[ -S $LAB_DIR/qmp.sock ]] && command -v python3 >/dev/null 2>&1; then
    python3 - "$LAB_DIR/qmp.sock" <<'PY' 2>/dev/null || true
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(3); s.connect(sys.argv[1]); f = s.makefile('rw')
f.readline(); f.write('{"execute":"qmp_capabilities"}\n'); f.flush(); f.readline()
f.write('{"execute":"quit"}\n'); f.flush()
PY
  fi
  if ! wait_gone 50 "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone 100 "$pid"; then
      log "vnc lab: qemu (pid $pid) did not exit; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone 50 "$pid" || log "WARNING: vnc lab qemu (pid $pid) is still there"
    fi
  fi
  log "vnc lab: qemu stopped"
fi
rm -f "$PIDFILE" "$LAB_DIR/qmp.sock"
if [[ -n $PURGE ]]; then rm -rf "$LAB_DIR"; fi
exit 0
