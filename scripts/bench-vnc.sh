#!/usr/bin/env bash
# VNC benchmarks (issue 4): records QEMU's real server streams, replays them into Rackdesk's decoders
# and vernacular's with JMH on one core, times a 1280x800 update to pixels in a JavaFX image, and
# measures an idle console's CPU cost. Not a test: figures go to docs/benchmarks.md ("VNC").
#   scripts/bench-vnc.sh [IDLE_SECONDS=60]
# Environment: RACKDESK_VNC_LAB_ENV (default /tmp/rackdesk-lab/vnc/vnc.env; the lab is started with
# scripts/lab/start-vnc-lab.sh when that file is missing), BENCH_CPU (the core JMH is pinned to, 0),
# JAVA_OPTS (e.g. -Dbench.iterations=10 -Dbench.seconds=2 -Dbench.encodings=raw,zrle).
# Recordings are binary and stay in target/vnc-recordings (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}" util-linux
idle_seconds=${1:-60}
[[ $idle_seconds =~ ^[0-9]+$ ]] || die "IDLE_SECONDS must be a number (got '$idle_seconds')"
env_file=${RACKDESK_VNC_LAB_ENV:-/tmp/rackdesk-lab/vnc/vnc.env}
if [[ ! -s $env_file ]]; then
  log "no VNC lab ($env_file): starting it"
  scripts/lab/start-vnc-lab.sh >/dev/null
  env_file=/tmp/rackdesk-lab/vnc/vnc.env
fi
# shellcheck disable=SC1090
. "$env_file"
server=${RACKDESK_VNC_LAB_PLAIN:?no RACKDESK_VNC_LAB_PLAIN in $env_file}

./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
java=(java -Xlog:disable -Drackdesk.bench.recordings=target/vnc-recordings)

printf '## VNC benchmarks, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf -- '- machine: %s, %s CPUs, load average %s\n' "$(uname -srm)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf -- '- CPU: %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
printf -- '- JDK: %s\n\n' "$(java -version 2>&1 | sed -n 2p)"

echo "### Recording QEMU's streams from $server"
"${java[@]}" -cp "$cp" io.rackdesk.bench.vnc.RecordVncStreams "$server"

echo
echo "### Decoders (JMH, one thread, pinned to CPU ${BENCH_CPU:-0})"
# shellcheck disable=SC2086
taskset -c "${BENCH_CPU:-0}" "${java[@]}" -Djmh.ignoreLock=true ${JAVA_OPTS:-} -cp "$cp" io.rackdesk.bench.vnc.VncBenchMain \
  > target/vnc-bench-jmh.log 2>&1 || { tail -40 target/vnc-bench-jmh.log; die "JMH run failed (target/vnc-bench-jmh.log)"; }
grep -E '^(\||JMH|Per CPU|[a-z]+ +[0-9]+x[0-9]+)' target/vnc-bench-jmh.log

echo
echo "### 1280x800 full update to pixels in a JavaFX image (Monocle headless, software pipeline)"
# shellcheck disable=SC2086
"${java[@]}" -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Djava.awt.headless=true ${JAVA_OPTS:-} \
  -cp "$cp" io.rackdesk.bench.vnc.ConsoleDisplayBench 200 2>/dev/null | grep '^|'

echo
echo "### Idle console ($idle_seconds s)"
"${java[@]}" -cp "$cp" io.rackdesk.bench.vnc.ConsoleIdleCost "$server" "$idle_seconds" 10 | grep '^|'
