#!/usr/bin/env bash
# start-ceph-lab.sh - start a real single-host Ceph cluster on 127.0.0.1 for Rackdesk's tests and CI.
#
# One monitor (mon.a), one manager (mgr.x) and N OSDs (memstore: the data lives in the OSDs' RAM),
# without systemd, cephadm, containers or anything under /etc/ceph: the cluster's conf, keyrings,
# data, logs and pid files all live in $LAB_DIR. Idempotent: the first run bootstraps the cluster,
# later runs start only the daemons that are not running, then wait until it is HEALTH_OK with every
# PG active+clean. At the end it writes $LAB_DIR/ceph-lab.env (KEY='value' lines) and prints it.
# Stop with stop-ceph-lab.sh; seed-ceph-lab.sh adds pools and RBD images. See README.md beside this.
#
# Settings (environment):
#   RACKDESK_CEPH_LAB_DIR        state directory                   default /tmp/rackdesk-lab/ceph
#   RACKDESK_CEPH_LAB_MON_PORT   monitor msgr v1 port              default 16789
#   RACKDESK_CEPH_LAB_MON_PORT2  monitor msgr v2 port              default 13300
#   RACKDESK_CEPH_LAB_PORT_MIN   first port of the mgr/OSD range   default 16800 (100 ports)
#   RACKDESK_CEPH_LAB_OSDS       number of OSDs                    default 3
#   RACKDESK_CEPH_LAB_OSD_BYTES  memstore size of each OSD         default 1073741824 (1 GiB)
#   RACKDESK_CEPH_LAB_WAIT_S     max wait for HEALTH_OK            default 180
#   RACKDESK_CEPH_LAB_FRESH=1    delete the cluster first (only a directory this script made)
#
# Exit codes: 0 HEALTH_OK; 2 the daemons run but the cluster is not HEALTH_OK within the wait
# ('ceph health detail' is printed on stderr, ceph-lab.env is written all the same); 1 other errors.
set -euo pipefail

LAB_DIR=${RACKDESK_CEPH_LAB_DIR:-/tmp/rackdesk-lab/ceph}
MON_PORT=${RACKDESK_CEPH_LAB_MON_PORT:-16789}
MON_PORT2=${RACKDESK_CEPH_LAB_MON_PORT2:-13300}
PORT_MIN=${RACKDESK_CEPH_LAB_PORT_MIN:-16800}
NOSD=${RACKDESK_CEPH_LAB_OSDS:-3}
OSD_BYTES=${RACKDESK_CEPH_LAB_OSD_BYTES:-1073741824}
WAIT_S=${RACKDESK_CEPH_LAB_WAIT_S:-180}
MON_IP=127.0.0.1

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$HERE/../lib.sh"
T_START=$(date +%s%N)
# after lib.sh: our own prefix
log() { printf '[rackdesk-ceph-lab] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
since() {  # since T0_NS -> seconds with 1 decimal
  local d=$(( $(date +%s%N) - $1 ))
  printf '%d.%d' $((d / 1000000000)) $((d / 100000000 % 10))
}

[[ $(id -u) == 0 ]] || die "run as root (the scripts install the Ceph packages; the daemons run as root)"
[[ $LAB_DIR =~ ^/[A-Za-z0-9._/-]+$ && $LAB_DIR != / ]] \
  || die "RACKDESK_CEPH_LAB_DIR must be an absolute path of [A-Za-z0-9._/-] (got '$LAB_DIR')"
for v in "$MON_PORT" "$MON_PORT2" "$PORT_MIN" "$NOSD" "$OSD_BYTES" "$WAIT_S"; do
  [[ $v =~ ^[0-9]+$ ]] || die "not a number: '$v'"
done
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export LC_ALL=C

CEPH_LAB_PACKAGES=(ceph-mon ceph-osd ceph-mgr ceph-common uuid-runtime jq procps)
ensure_packages "${CEPH_LAB_PACKAGES[@]}"
for c in ceph-mon ceph-mgr ceph-osd ceph ceph-authtool monmaptool rbd uuidgen jq timeout setsid; do
  command -v "$c" >/dev/null 2>&1 || die "command $c not found after the package install"
done

CONF=$LAB_DIR/ceph.conf
KEYRING=$LAB_DIR/ceph.client.admin.keyring
RUN=$LAB_DIR/run
LOGD=$LAB_DIR/log
MARK=$LAB_DIR/.rackdesk-ceph-lab
ENV_FILE=$LAB_DIR/ceph-lab.env

cephc() { timeout 60 ceph -c "$CONF" --connect-timeout 15 "$@" </dev/null; }

# A pid file is trusted only while its process lives, is no zombie and names our conf (pid reuse).
ours() {  # ours PID
  local st
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $st && $st != Z ]] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$CONF"
}
running() { [[ -s $1 ]] && ours "$(cat "$1")"; }  # running PIDFILE
alive_pid() {  # alive_pid PID -> exists and is no zombie
  local st
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $st && $st != Z ]]
}
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# start_daemon NAME BINARY ARGS...: foreground mode (-f) in its own session, pid in $RUN/NAME.pid.
# Started means its admin socket exists, which happens only after it authenticated to the monitor.
start_daemon() {
  local name=$1 pidf=$RUN/$1.pid asok=$RUN/ceph-$1.asok try i
  shift
  if running "$pidf"; then log "$name already running (pid $(cat "$pidf"))"; return 0; fi
  for try in 1 2 3; do
    rm -f "$asok"
    setsid "$@" -f -c "$CONF" </dev/null >>"$LOGD/$name.stdout" 2>&1 &
    echo $! >"$pidf"
    # until the fork has exec'd the daemon its command line is bash's: wait on the pid, not on ours()
    for ((i = 0; i < 200; i++)); do [[ -S $asok ]] && break; alive_pid "$(cat "$pidf")" || break; sleep 0.1; done
    if running "$pidf" && [[ -S $asok ]]; then log "started $name (pid $(cat "$pidf"))"; return 0; fi
    # seen once in the lab notes: an OSD restarted right after SIGKILL failed cephx at start
    log "$name did not come up (attempt $try): $(tail -n 3 "$LOGD/$name.stdout" | tr -s '\n' ' ')"
    if running "$pidf"; then kill -KILL "$(cat "$pidf")" 2>/dev/null || true; fi
    sleep 2
  done
  die "$name did not start; see $LOGD/$name.stdout and $LOGD/ceph-$name.log"
}

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local secs=$1 what=$2 t0
  shift 2
  t0=$(date +%s%N)
  local end=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s) < end )) || { log "timed out after $secs s waiting for: $what"; return 1; }
    sleep 0.5
  done
  log "$what (after $(since "$t0") s)"
}

# ------------------------------------------------------------------ fresh?
if [[ ${RACKDESK_CEPH_LAB_FRESH:-0} == 1 && -d $LAB_DIR ]]; then
  [[ -f $MARK ]] || die "$LAB_DIR exists but was not made by this script; refusing to delete it"
  for f in "$RUN"/*.pid; do
    if [[ -e $f ]] && running "$f"; then die "the cluster still runs; run stop-ceph-lab.sh first"; fi
  done
  rm -rf "$LAB_DIR"
fi

# ------------------------------------------------------------------ bootstrap (first run only)
if [[ ! -f $LAB_DIR/.bootstrapped ]]; then
  if [[ -e $LAB_DIR ]]; then   # leftovers of an interrupted bootstrap
    [[ -f $MARK ]] || die "$LAB_DIR exists and was not made by this script"
    for f in "$RUN"/*.pid; do
      if [[ -e $f ]] && running "$f"; then die "a half-made cluster still runs; run stop-ceph-lab.sh first"; fi
    done
    rm -rf "$LAB_DIR"
  fi
  for port in "$MON_PORT" "$MON_PORT2"; do
    if port_open "$port"; then die "port 127.0.0.1:$port is already in use"; fi
  done
  mkdir -p "$LAB_DIR" "$RUN" "$LOGD" "$LAB_DIR/mon" "$LAB_DIR/mgr/ceph-x" "$LAB_DIR/osd" "$LAB_DIR/crash"
  chmod 700 "$LAB_DIR"
  touch "$MARK"
  FSID=$(uuidgen)
  log "bootstrapping cluster $FSID (1 mon, 1 mgr, $NOSD memstore OSDs) in $LAB_DIR"

  cat >"$CONF" <<EOF
# generated by Rackdesk's scripts/lab/start-ceph-lab.sh: a private lab cluster on $MON_IP
[global]
fsid = $FSID
mon initial members = a
mon host = [v2:$MON_IP:$MON_PORT2,v1:$MON_IP:$MON_PORT]
public addr = $MON_IP
cluster addr = $MON_IP
ms bind port min = $PORT_MIN
ms bind port max = $((PORT_MIN + 99))
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
keyring = $LAB_DIR/\$cluster.\$name.keyring
run dir = $RUN
crash dir = $LAB_DIR/crash
# no 'admin socket' or 'log file' here: every client would bind the same client asok and log there
mon data = $LAB_DIR/mon/\$cluster-\$id
mgr data = $LAB_DIR/mgr/\$cluster-\$id
osd data = $LAB_DIR/osd/\$cluster-\$id
# one host: replicate across OSDs, not hosts
osd crush chooseleaf type = 0
osd pool default size = 3
osd pool default min size = 2
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 500
mon allow pool delete = true
# one host: one OSD's report is enough to mark a peer down (the default wants 2 hosts)
mon osd reporter subtree level = osd
mon osd min down reporters = 1
# the lab lives in /tmp: no warning below 30 % free disk
mon data avail warn = 5
mon data avail crit = 2
# only what the lab needs ('restful', a default, breaks when ceph-mgr-dashboard is installed)
mgr initial modules = iostat
# the CLI and other clients: fail fast instead of librados' 300 s / forever defaults
client mount timeout = 30
rados mon op timeout = 30
rados osd op timeout = 30
osd objectstore = memstore
memstore device bytes = $OSD_BYTES
osd memory target = 939524096
# a stopped OSD is reported at once, a hung one after 10 s instead of 20 s
osd heartbeat grace = 10
# memstore OSDs count as hdd and would sleep 0.1 s per recovery op
osd recovery sleep hdd = 0
# memstore writes its data to disk only on a clean umount, which osd_fast_shutdown skips
osd fast shutdown = false
# RBD data on an erasure-coded pool needs overwrites, which Ceph allows on bluestore only
mon debug no require bluestore for ec overwrites = true

[mon]
keyring = \$mon_data/keyring
log file = $LOGD/\$cluster-\$name.log
[mgr]
keyring = \$mgr_data/keyring
log file = $LOGD/\$cluster-\$name.log
[osd]
keyring = \$osd_data/keyring
log file = $LOGD/\$cluster-\$name.log
EOF

  # keys: mon., client.admin and mgr.x; admin and mgr are imported into the mon's first keyring
  ceph-authtool --create-keyring "$LAB_DIR/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool --create-keyring "$KEYRING" --gen-key -n client.admin \
    --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *' >/dev/null
  ceph-authtool --create-keyring "$LAB_DIR/mgr/ceph-x/keyring" --gen-key -n mgr.x \
    --cap mon 'allow profile mgr' --cap osd 'allow *' --cap mds 'allow *' >/dev/null
  ceph-authtool "$LAB_DIR/mon.keyring" --import-keyring "$KEYRING" >/dev/null
  ceph-authtool "$LAB_DIR/mon.keyring" --import-keyring "$LAB_DIR/mgr/ceph-x/keyring" >/dev/null
  chmod 600 "$LAB_DIR"/*.keyring "$LAB_DIR/mgr/ceph-x/keyring"

  monmaptool --create --fsid "$FSID" --addv a "[v2:$MON_IP:$MON_PORT2,v1:$MON_IP:$MON_PORT]" \
    "$LAB_DIR/monmap" >/dev/null
  ceph-mon -c "$CONF" --mkfs -i a --monmap "$LAB_DIR/monmap" --keyring "$LAB_DIR/mon.keyring" \
    >>"$LOGD/mkfs.stdout" 2>&1 || die "ceph-mon --mkfs failed; see $LOGD/mkfs.stdout"
  start_daemon mon.a ceph-mon -i a
  wait_for 60 "monitor in quorum" cephc quorum_status || die "the monitor formed no quorum"
  start_daemon mgr.x ceph-mgr -i x

  for ((i = 0; i < NOSD; i++)); do
    uuid=$(uuidgen)
    secret=$(ceph-authtool --gen-print-key)
    id=$(printf '{"cephx_secret": "%s"}' "$secret" | timeout 60 ceph -c "$CONF" osd new "$uuid" -i -)
    mkdir -p "$LAB_DIR/osd/ceph-$id"
    ceph-authtool --create-keyring "$LAB_DIR/osd/ceph-$id/keyring" --name "osd.$id" --add-key "$secret" >/dev/null
    chmod 600 "$LAB_DIR/osd/ceph-$id/keyring"
    ceph-osd -c "$CONF" -i "$id" --mkfs --osd-uuid "$uuid" >>"$LOGD/mkfs.stdout" 2>&1 \
      || die "ceph-osd --mkfs for osd.$id failed; see $LOGD/mkfs.stdout"
    start_daemon "osd.$id" ceph-osd -i "$id"
  done
  touch "$LAB_DIR/.bootstrapped"
else
  log "starting the daemons of the cluster in $LAB_DIR that are not running"
  start_daemon mon.a ceph-mon -i a
  start_daemon mgr.x ceph-mgr -i x
  for d in "$LAB_DIR"/osd/ceph-*; do
    [[ -d $d ]] || continue
    start_daemon "osd.${d##*/ceph-}" ceph-osd -i "${d##*/ceph-}"
  done
fi

# the admin key alone, for clients that take a key file instead of a keyring (--key-file)
ceph-authtool -p -n client.admin "$KEYRING" >"$LAB_DIR/admin.key.tmp"
chmod 600 "$LAB_DIR/admin.key.tmp"
mv "$LAB_DIR/admin.key.tmp" "$LAB_DIR/admin.key"

# ------------------------------------------------------------------ wait until usable
all_osds_up_in() {
  local j n
  j=$(cephc osd stat -f json) || return 1
  n=$(jq '.num_osds' <<<"$j")
  [[ $n -ge 1 && $(jq '.num_up_osds' <<<"$j") == "$n" && $(jq '.num_in_osds' <<<"$j") == "$n" ]]
}
mgr_available() { cephc mgr stat -f json | jq -e '.available == true'; }
health_ok() {
  cephc pg stat -f json | jq -e '(.pg_summary.num_pgs // 0)
    == ([.pg_summary.num_pg_by_state[]? | select(.name == "active+clean") | .num] | add // 0)' &&
  cephc health | grep -q '^HEALTH_OK'
}
wait_for 90 "all OSDs up and in" all_osds_up_in || die "the OSDs did not come up; see $LOGD"
wait_for 60 "manager available" mgr_available || die "the manager did not become available; see $LOGD"
rc=0
if ! wait_for "$WAIT_S" "HEALTH_OK, every PG active+clean" health_ok; then
  cephc health detail >&2 || true
  rc=2
fi

FSID=$(awk '$1 == "fsid" {print $3}' "$CONF")
# the monitor's ports are the cluster's (its ceph.conf), not this run's environment: a re-run that
# only names the directory (the OSD fault test restarting an OSD) must not write the default ports
mh=$(awk -F' *= *' '$1 == "mon host" {print $2}' "$CONF")
if [[ $mh =~ v2:[^,]*:([0-9]+),v1:[^]]*:([0-9]+) ]]; then
  MON_PORT2=${BASH_REMATCH[1]}
  MON_PORT=${BASH_REMATCH[2]}
fi
{
  echo "RACKDESK_CEPH_LAB_DIR='$LAB_DIR'"
  echo "RACKDESK_CEPH_CONF='$CONF'"
  echo "RACKDESK_CEPH_KEYRING='$KEYRING'"
  echo "RACKDESK_CEPH_ID='admin'"
  echo "RACKDESK_CEPH_KEY_FILE='$LAB_DIR/admin.key'"
  echo "RACKDESK_CEPH_MON='$MON_IP:$MON_PORT'"
  echo "RACKDESK_CEPH_MON_V2='v2:$MON_IP:$MON_PORT2'"
  echo "RACKDESK_CEPH_FSID='$FSID'"
  echo "RACKDESK_CEPH_OSDS='$NOSD'"
  echo "RACKDESK_CEPH_RUN_DIR='$RUN'"
} >"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
cat "$ENV_FILE"
log "ready after $(since "$T_START") s (exit $rc)"
exit $rc
