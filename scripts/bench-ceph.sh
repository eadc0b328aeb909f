#!/usr/bin/env bash
# Ceph benchmarks (not tests); each prints a table to paste into docs/benchmarks.md.
#   scripts/bench-ceph.sh [JMH options, e.g. -p pgs=100000 -wi 2 -i 3]
#       one periodic refresh of a generated 1,000-OSD cluster with 10k, 100k and 1M PGs, parsed and
#       applied to the ViewModels (JMH, src/test/java/io/rackdesk/bench/CephRefreshBench)
#   scripts/bench-ceph.sh cpu
#       the same refreshes timed in CPU time of the thread (CephRefreshCpu): steadier on a loaded machine
#   scripts/bench-ceph.sh lab [SECONDS=60]
#       the real main window under its own Xvfb with the app's JVM options, on the Ceph lab
#       (RACKDESK_CEPH_LAB_ENV, default /tmp/rackdesk-lab/ceph/ceph-lab.env): connect to health page
#       painted, then the CPU of the open window over SECONDS at the default 5 s interval (CephLabBench)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
if [[ ${1:-} == lab ]]; then
  ensure_packages "${BUILD_PACKAGES[@]}" "${GUI_PACKAGES[@]}" xvfb
else
  ensure_packages "${BUILD_PACKAGES[@]}"
fi
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
if [[ ${1:-} == cpu ]]; then
  RACKDESK_LOG_LEVEL=WARN java -Xmx512m -cp "$cp" io.rackdesk.bench.CephRefreshCpu
  exit 0
fi
if [[ ${1:-} == lab ]]; then
  start_xvfb
  xvfb=$XVFB_PID disp=$XVFB_DISPLAY
  trap 'kill "$xvfb" 2>/dev/null || true' EXIT
  mapfile -t jvm_options < <(desktop_jvm_options)
  # shellcheck disable=SC2086
  DISPLAY=$disp RACKDESK_LOG_LEVEL=WARN java -Xlog:disable -Dprism.order=sw "${jvm_options[@]}" ${JAVA_OPTS:-} -cp "$cp" \
    io.rackdesk.bench.CephLabBench "${2:-60}"
  exit 0
fi
out=target/bench-ceph.json
RACKDESK_LOG_LEVEL=WARN java -cp "$cp" org.openjdk.jmh.Main CephRefreshBench -rf json -rff "$out" "$@"
echo
echo "| benchmark | OSDs | PGs | pools | ms per refresh (mean ± 99.9 % CI) |"
echo "|---|---|---|---|---|"
python3 - "$out" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    p = r["params"]; m = r["primaryMetric"]
    err = m.get("scoreError")
    err = "" if err is None or err != err else " ± %.3f" % err
    print("| %s | %s | {:,} | %s | %.3f%s |".format(int(p["pgs"])) % (r["benchmark"].rsplit(".", 1)[1], p["osds"], p["pools"], m["score"], err))
PY
