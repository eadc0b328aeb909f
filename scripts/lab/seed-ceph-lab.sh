#!/usr/bin/env bash
# seed-ceph-lab.sh - give the Ceph lab cluster (start-ceph-lab.sh) something to show. Idempotent.
#
#   pools  lab-repl  replicated (size 3), application rados, a few objects
#          lab-ec    erasure-coded, profile rackdesk-ec21 (k=2 m=1, failure domain osd), application
#                    rbd, overwrites allowed, one object
#          rbd       replicated, rbd pool
#   rbd    rbd/img1 (32 MiB, 1 MiB written) with snapshots snap1 (protected) and snap2,
#          rbd/clone1 (a clone of img1@snap1), rbd/ecimg (data on lab-ec)
# Then waits until every PG is active+clean. Prints nothing on stdout but the final 'pg stat'.
set -euo pipefail
LAB_DIR=${RACKDESK_CEPH_LAB_DIR:-/tmp/rackdesk-lab/ceph}
CONF=$LAB_DIR/ceph.conf
[[ -f $CONF ]] || { echo "no lab cluster at $LAB_DIR (run start-ceph-lab.sh)" >&2; exit 1; }
export CEPH_CONF=$CONF
T0=$(date +%s%N)
log() { printf '[rackdesk-ceph-lab] %s\n' "$*" >&2; }
c() { timeout 60 ceph --connect-timeout 15 "$@" </dev/null; }
r() { timeout 60 rbd "$@" </dev/null; }

pools=$(c osd pool ls)
has_pool() { grep -qx "$1" <<<"$pools"; }
has_image() { r ls "$1" 2>/dev/null | grep -qx "$2"; }

if ! has_pool lab-repl; then
  c osd pool create lab-repl 8 8 replicated >/dev/null
  c osd pool application enable lab-repl rados >/dev/null
fi
if ! has_pool lab-ec; then
  c osd erasure-code-profile set rackdesk-ec21 k=2 m=1 crush-failure-domain=osd >/dev/null
  c osd pool create lab-ec 8 8 erasure rackdesk-ec21 >/dev/null
  c osd pool application enable lab-ec rbd >/dev/null
  c osd pool set lab-ec allow_ec_overwrites true >/dev/null
fi
if ! has_pool rbd; then
  c osd pool create rbd 8 8 replicated >/dev/null
  r pool init rbd
fi

if ! has_image rbd img1; then
  r create rbd/img1 --size 32M --image-feature layering,exclusive-lock,object-map,fast-diff,deep-flatten
  r bench --io-type write --io-size 64K --io-total 1M --io-pattern seq rbd/img1 >/dev/null
  r snap create rbd/img1@snap1 --no-progress
  r snap protect rbd/img1@snap1
  r snap create rbd/img1@snap2 --no-progress
fi
has_image rbd clone1 || r clone rbd/img1@snap1 rbd/clone1
has_image rbd ecimg || r create rbd/ecimg --size 16M --data-pool lab-ec

if ! timeout 30 rados -p lab-repl stat obj-1 >/dev/null 2>&1; then
  for i in 1 2 3 4 5; do echo "rackdesk lab object $i" | timeout 30 rados -p lab-repl put "obj-$i" -; done
  head -c 262144 /dev/urandom | timeout 30 rados -p lab-ec put ec-obj-1 -
fi

end=$(( $(date +%s) + 120 ))
until c pg stat -f json | jq -e '.pg_summary.num_pgs
    == ([.pg_summary.num_pg_by_state[] | select(.name == "active+clean") | .num] | add)' >/dev/null; do
  (( $(date +%s) < end )) || { log "PGs not active+clean after 120 s"; c pg stat >&2; exit 1; }
  sleep 0.5
done
c pg stat
d=$(( $(date +%s%N) - T0 ))
log "seeded after $((d / 1000000000)).$((d / 100000000 % 10)) s"
