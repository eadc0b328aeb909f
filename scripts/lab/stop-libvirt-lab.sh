#!/usr/bin/env bash
# stop-libvirt-lab.sh - undo start-libvirt-lab.sh.
#
# Destroys and undefines only the domain the start script defined, then ends sshd (and the
# ssh sessions it forked), libvirtd, virtlogd and the reaper - only the processes named in
# $LAB_DIR/run/*.pid - waits until they have exited and removes $LAB_DIR/lab.env.
#   --destroy-all  also destroy every other domain running on the lab's libvirtd (e.g. ones
#                  tests created and left behind); without it they are only listed
#   --purge        also delete $LAB_DIR (certificates, keys, logs)
# Exits 0 when there is nothing to stop.
set -euo pipefail

LAB_DIR=${RACKDESK_LAB_DIR:-${LAB_DIR:-/tmp/rackdesk-lab/libvirt}}
PURGE=
DESTROY_ALL=
for a in "$@"; do
  case $a in
    --purge) PURGE=1 ;;
    --destroy-all) DESTROY_ALL=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) printf 'unknown option: %s\n' "$a" >&2; exit 2 ;;
  esac
done
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export LC_ALL=C

log() { printf '[rackdesk-lab] %s\n' "$*" >&2; }
pid_alive() {  # pid_alive PID [COMM]
  local p=$1 st comm
  [[ $p =~ ^[0-9]+$ ]] || return 1
  st=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) || return 1
  [[ -n $st && $st != Z ]] || return 1
  if [[ -n ${2:-} ]]; then
    comm=$(cat "/proc/$p/comm" 2>/dev/null) || return 1
    [[ $comm == "$2" ]] || return 1
  fi
}
wait_gone() {  # wait_gone SECONDS PID...  -> 0 when all have exited
  local i p left
  for ((i = 0; i < $1 * 10; i++)); do
    left=
    for p in "${@:2}"; do if pid_alive "$p"; then left=1; fi; done
    [[ -z $left ]] && return 0
    sleep 0.1
  done
  return 1
}
STOPPED=()
stop_pid() {  # stop_pid NAME PID [TIMEOUT_S]: TERM, wait, then KILL
  local name=$1 p=$2 t=${3:-15}
  STOPPED+=("$p")
  kill -TERM "$p" 2>/dev/null || true
  if ! wait_gone "$t" "$p"; then
    log "$name (pid $p) did not exit after ${t} s; sending KILL"
    kill -KILL "$p" 2>/dev/null || true
    wait_gone 5 "$p" || log "WARNING: $name (pid $p) is still there"
  fi
}
stop_pidfile() {  # stop_pidfile NAME COMM PIDFILE: only if the pid is alive AND named COMM
  local name=$1 comm=$2 f=$3 p
  [[ -s $f ]] || { rm -f "$f"; return 0; }
  p=$(cat "$f")
  if pid_alive "$p" "$comm"; then
    stop_pid "$name" "$p"
    log "stopped $name (pid $p)"
  elif pid_alive "$p"; then
    log "pid file $f names pid $p, which is not $comm now: left alone"
  fi
  rm -f "$f"
}

RUN=$LAB_DIR/run
if [[ ! -d $RUN ]]; then
  rm -f "$LAB_DIR/lab.env"
  log "nothing to stop ($RUN does not exist)"
  if [[ -n $PURGE && -d $LAB_DIR ]]; then rm -rf "$LAB_DIR"; log "removed $LAB_DIR"; fi
  exit 0
fi
# tests must see at once that the lab is going down
rm -f "$LAB_DIR/lab.env" "$LAB_DIR/lab.env.tmp"

# ------------------------------------------------------------------ domains
V=(virsh -q -c qemu:///system)
libvirtd_pid=$(cat "$RUN/libvirtd.pid" 2>/dev/null || true)
if pid_alive "$libvirtd_pid" libvirtd; then
  if [[ -n $DESTROY_ALL ]]; then
    for d in $("${V[@]}" list --name </dev/null 2>/dev/null || true); do
      if "${V[@]}" destroy "$d" </dev/null >/dev/null 2>&1; then log "destroyed domain $d"; fi
    done
  fi
  if [[ -s $RUN/defined-domains ]]; then
    while read -r d; do
      [[ -n $d ]] || continue
      if [[ $("${V[@]}" domstate "$d" </dev/null 2>/dev/null || true) == running ]]; then
        if "${V[@]}" destroy "$d" </dev/null >/dev/null 2>&1; then log "destroyed domain $d"; fi
      fi
      if "${V[@]}" undefine "$d" </dev/null >/dev/null 2>&1; then log "undefined domain $d"; fi
    done < "$RUN/defined-domains"
  fi
  others=$("${V[@]}" list --name </dev/null 2>/dev/null | tr '\n' ' ' || true)
  if [[ -n ${others// /} ]]; then
    log "WARNING: domains still running on the lab libvirtd (not made by the start script): $others"
    log "         their qemu processes outlive libvirtd; use --destroy-all to end them"
  fi
fi
rm -f "$RUN/defined-domains"
# the lab domain's qemu, in case libvirtd was gone already (crash) and could not destroy it
for f in "$RUN"/qemu-*.pid; do
  [[ -e $f ]] || continue
  stop_pidfile "qemu ($(basename "$f" .pid))" qemu-system-x86 "$f"
done

# ------------------------------------------------------------------ daemons, by pid file only
sshd_pid=$(cat "$RUN/sshd.pid" 2>/dev/null || true)
if pid_alive "$sshd_pid" sshd; then
  # ssh sessions (virt-ssh-helper) are forked by our sshd and outlive the listener
  sessions=$(pgrep -P "$sshd_pid" -x sshd 2>/dev/null || true)
  stop_pidfile sshd sshd "$RUN/sshd.pid"
  for p in $sessions; do
    if pid_alive "$p" sshd; then stop_pid "ssh session" "$p" 5; fi
  done
else
  rm -f "$RUN/sshd.pid"
fi
stop_pidfile libvirtd libvirtd "$RUN/libvirtd.pid"
stop_pidfile virtlogd virtlogd "$RUN/virtlogd.pid"
# each daemon ran under a child-subreaper (perl) that exits by itself once the daemon and
# everything it reaped (qemu, ssh sessions) are gone
for f in "$RUN"/reaper-*.pid "$RUN"/reaper.pid; do
  [[ -e $f ]] || continue
  reaper=$(cat "$f" 2>/dev/null || true)
  if pid_alive "$reaper" perl && ! wait_gone 3 "$reaper"; then
    left=$(pgrep -P "$reaper" 2>/dev/null | tr '\n' ' ' || true)
    log "$(basename "$f" .pid) (pid $reaper) still has children: ${left:-none}; stopping it"
    stop_pid reaper "$reaper" 5
  fi
  rm -f "$f"
done
# a process that exited shows as <defunct> until its parent reaps it (PID 1 here is slow):
# wait until they are really gone, so that pgrep right after this script finds nothing
for ((i = 0; i < 50; i++)); do
  left=
  for p in "${STOPPED[@]}"; do if [[ -e /proc/$p ]]; then left=1; fi; done
  [[ -z $left ]] && break
  sleep 0.1
done
if ((${#STOPPED[@]})); then log "lab stopped"; else log "nothing was running"; fi

if [[ -n $PURGE ]]; then
  rm -rf "$LAB_DIR"
  log "removed $LAB_DIR"
fi
exit 0
