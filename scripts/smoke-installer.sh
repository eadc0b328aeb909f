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
# the Windows and macOS icons (made here for the hosted workflow): every size there
icons=$(mktemp -d)
bash packaging/make-icons.sh "$icons" >/dev/null
[[ $(icotool -l "$icons/rackdesk.ico" | grep -c -e '--icon') == 6 ]] || die "rackdesk.ico lacks sizes: $(icotool -l "$icons/rackdesk.ico")"
icns2png -l "$icons/rackdesk.icns" | grep -q "512x512" || die "rackdesk.icns has no 512 px icon"
rm -rf "$icons"
remove() { as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq rackdesk >/dev/null || true; }
trap remove EXIT
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./${debs[0]}" >/dev/null
[[ -x /opt/rackdesk/bin/Rackdesk ]] || die "the package installed no /opt/rackdesk/bin/Rackdesk"
# JavaFX's native libraries sit next to its jars, so it loads them from there (no ~/.openjfx/cache)
[[ -f /opt/rackdesk/lib/app/lib/libglass.so ]] || die "the package has no JavaFX native libraries in lib/app/lib"
# the build's training run made the start-up cache; -XX:AOTMode=on makes a JVM that cannot use it
# (jar times not restored by postinst, another runtime) refuse to start instead of starting slower
[[ -s /opt/rackdesk/lib/app/rackdesk.aot ]] || die "the package has no start-up cache (lib/app/rackdesk.aot)"
JAVA_TOOL_OPTIONS=-XX:AOTMode=on /opt/rackdesk/bin/Rackdesk --help >/dev/null 2>&1 \
  || die "the installed launcher cannot use its start-up cache (run it with JAVA_TOOL_OPTIONS='-XX:AOTMode=on -Xlog:aot' to see why)"
# the .rpm cannot be installed here (no rpm-based system), but its files can: with the times they
# carry, the cache must fit them too (the app-image is relocatable, so any directory will do)
rpmroot=$(mktemp -d)
(cd "$rpmroot" && rpm2cpio "$OLDPWD/${rpms[0]}" | cpio -idm --quiet)
JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$rpmroot/opt/rackdesk/bin/Rackdesk" --help >/dev/null 2>&1 \
  || die "the .rpm's files do not fit its start-up cache (jar times not set by the spec's %install?)"
rm -rf "$rpmroot"
bash scripts/smoke-gui.sh /opt/rackdesk/bin/Rackdesk
remove
trap - EXIT
if dpkg-query -W -f='${Status}' rackdesk 2>/dev/null | grep -q 'install ok installed' || [[ -e /opt/rackdesk ]]; then
  die "apt-get remove left rackdesk behind"
fi
log "installer smoke test passed: installed, window up, removed"
