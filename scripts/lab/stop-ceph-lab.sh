#!/usr/bin/env bash
# stop-ceph-lab.sh - stop the Ceph lab cluster that start-ceph-lab.sh started.
#
# Deletes ceph-lab.env first (tests then see at once that the lab is going away), then stops the
# daemons named by the pid files in $LAB_DIR/run, OSDs first, then the manager, then the monitor:
# SIGTERM, SIGKILL after RACKDESK_CEPH_LAB_STOP_WAIT_S (default 20) seconds. A pid is signalled only
# while its command line names this cluster's ceph.conf (pid reuse). Idempotent; exits 0 when
# nothing runs. --purge also deletes $LAB_DIR (only a directory that start-ceph-lab.sh made).
set -euo pipefail
LAB_DIR=${RACKDESK_CEPH_LAB_DIR:-/tmp/rackdesk-lab/ceph}
WAIT_S=${RACKDESK_CEPH_LAB_STOP_WAIT_S:-20}
PURGE=
for a in "$@"; do
  case $a in
    --purge) PURGE=1 ;;
    *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
  esac
done
[[ $WAIT_S =~ ^[0-9]+$ ]] || { echo "not a number: '$WAIT_S'" >&2; exit 2; }
CONF=$LAB_DIR/ceph.conf
RUN=$LAB_DIR/run
log() { printf '[rackdesk-ceph-lab] %s\n' "$*" >&2; }

ours() {  # ours PID -> a live, non-zombie process of this cluster
  local st
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $st && $st != Z ]] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$CONF"
}

stop_one() {  # stop_one PIDFILE
  local f=$1 name pid i
  name=$(basename "$f" .pid)
  pid=$(cat "$f" 2>/dev/null || true)
  if ! ours "$pid"; then rm -f "$f"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < WAIT_S * 10; i++)); do ours "$pid" || break; sleep 0.1; done
  if ours "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    log "killed $name (pid $pid) after $WAIT_S s"
  else
    log "stopped $name (pid $pid)"
  fi
  rm -f "$f"
}

rm -f "$LAB_DIR/ceph-lab.env" "$LAB_DIR/ceph-lab.env.tmp"
if [[ -d $RUN ]]; then
  shopt -s nullglob
  for f in "$RUN"/osd.*.pid; do stop_one "$f" & done
  wait
  for f in "$RUN"/mgr.*.pid "$RUN"/mon.*.pid; do stop_one "$f"; done
else
  log "nothing to stop ($RUN does not exist)"
fi
if [[ -n $PURGE && -d $LAB_DIR ]]; then
  if [[ -f $LAB_DIR/.rackdesk-ceph-lab ]]; then
    rm -rf "$LAB_DIR"
    log "removed $LAB_DIR"
  else
    log "$LAB_DIR was not made by start-ceph-lab.sh: not removed"
  fi
fi
exit 0
