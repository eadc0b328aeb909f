#!/usr/bin/env bash
# Ceph benchmark (not a test): one periodic refresh of a generated 1,000-OSD cluster with 10k, 100k
# and 1M PGs, parsed and applied to the ViewModels (JMH, src/test/java/io/rackdesk/bench/CephRefreshBench).
# Prints JMH's report, then a table to paste into docs/benchmarks.md.
#   scripts/bench-ceph.sh [JMH options, e.g. -p pgs=100000 -f 1 -wi 2 -i 3]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
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
