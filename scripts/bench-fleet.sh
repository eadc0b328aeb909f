#!/usr/bin/env bash
# Fleet benchmark: the real main window with HOSTS test-driver hosts of VMS generated VMs each, under
# its own Xvfb (real glass, software rendering). Prints fill time, stats tick cost, longest FX stall,
# idle CPU and RSS. Not a test: figures go to docs/benchmarks.md.
#   scripts/bench-fleet.sh [HOSTS=10] [VMS=1000] [SECONDS=30]
# Java properties in JAVA_OPTS: -Dbench.idleWarmupMs (150000), -Dbench.settleMs (10000).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}" "${GUI_PACKAGES[@]}" xvfb
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
start_xvfb
xvfb=$XVFB_PID disp=$XVFB_DISPLAY
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
# The app's own JVM options (packaging/jvm.options), then JAVA_OPTS: flags to compare, which win.
# JVM_DEFAULTS=1 leaves the app's options out (the JVM's own defaults, plus JAVA_OPTS).
jvm_options=()
[[ ${JVM_DEFAULTS:-0} == 1 ]] || mapfile -t jvm_options < <(desktop_jvm_options)
printf 'JVM options: %s %s\n' "${jvm_options[*]}" "${JAVA_OPTS:-}"
# shellcheck disable=SC2086
DISPLAY=$disp RACKDESK_LOG_LEVEL=WARN java -Xlog:disable -Dprism.order=sw "${jvm_options[@]}" ${JAVA_OPTS:-} -cp "$cp" io.rackdesk.bench.FleetBench "${1:-10}" "${2:-1000}" "${3:-30}"
