#!/usr/bin/env bash
# Builds the installers (./mvnw -P installer: .deb and .rpm), installs the .deb with apt-get (which must
# pull in every runtime dependency), starts the installed app under Xvfb until its window lists the
# demo host, then removes the package again. Refuses to run where rackdesk is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}" "${INSTALLER_PACKAGES[@]}" xvfb x11-utils
if dpkg-query -W -f='${Status}' rackdesk 2>/dev/null | grep -q 'install ok installed'; then
  die "rackdesk is installed on this machine already: remove it first (apt-get remove rackdesk)"
fi
./mvnw -B -q -P installer -DskipTests package
debs=(target/installer/rackdesk_*.deb)
rpms=(target/installer/rackdesk-*.rpm)
[[ -f ${debs[0]} && -f ${rpms[0]} ]] || die "the installer build made no .deb or no .rpm"
log "built: $(du -h "${debs[0]}" | cut -f1) ${debs[0]}, $(du -h "${rpms[0]}" | cut -f1) ${rpms[0]}"
remove() { as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq rackdesk >/dev/null || true; }
trap remove EXIT
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./${debs[0]}" >/dev/null
[[ -x /opt/rackdesk/bin/Rackdesk ]] || die "the package installed no /opt/rackdesk/bin/Rackdesk"
# the build's training run listed the start-up classes, so postinst must have dumped the archive
[[ -s /opt/rackdesk/lib/app/classes.lst ]] || die "the package has no start-up class list (lib/app/classes.lst)"
[[ -s /opt/rackdesk/lib/app/rackdesk.jsa ]] || die "postinst made no start-up archive (lib/app/rackdesk.jsa)"
# -Xshare:on makes a JVM that cannot map the archive (another class path, another runtime) fail
JAVA_TOOL_OPTIONS=-Xshare:on /opt/rackdesk/bin/Rackdesk --help >/dev/null 2>&1 \
  || die "the installed launcher cannot use its start-up archive (run it with JAVA_TOOL_OPTIONS=-Xshare:on to see why)"
bash scripts/smoke-gui.sh /opt/rackdesk/bin/Rackdesk
remove
trap - EXIT
if dpkg-query -W -f='${Status}' rackdesk 2>/dev/null | grep -q 'install ok installed' || [[ -e /opt/rackdesk ]]; then
  die "apt-get remove left rackdesk behind"
fi
log "installer smoke test passed: installed, window up, removed"
