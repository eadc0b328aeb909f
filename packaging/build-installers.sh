#!/usr/bin/env bash
# Builds Rackdesk's installers with jpackage from target/rackdesk.jar and target/lib/ (run by
# `./mvnw -P installer package`, after the jar): an app-image, then on Linux a .deb and an .rpm, on
# Windows an .msi (WiX 3 on PATH), on macOS a .dmg, all under target/installer/. The runtime is
# jlinked by jpackage (debug stripped, compressed); JVM options come from packaging/jvm.options.
#   packaging/build-installers.sh VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf '[rackdesk] ERROR: %s\n' "$*" >&2; exit 1; }
log() { printf '[rackdesk] %s\n' "$*" >&2; }

version=${1:?usage: build-installers.sh VERSION}
version=${version%%-*}   # jpackage wants numbers only: 0.1.0-SNAPSHOT -> 0.1.0
[[ -f target/rackdesk.jar && -d target/lib ]] || die "target/rackdesk.jar or target/lib missing: run ./mvnw package first"
jpackage=${JAVA_HOME:+$JAVA_HOME/bin/}jpackage
command -v "$jpackage" >/dev/null 2>&1 || die "jpackage not found (a JDK 17+ is needed, not a JRE)"

out=target/installer
rm -rf "$out"
mkdir -p "$out/input/lib"
cp target/rackdesk.jar "$out/input/"
cp target/lib/*.jar "$out/input/lib/"

# what the classes need (jdeps: java.base, java.desktop, java.naming, java.scripting, java.sql,
# jdk.jfr, jdk.unsupported), plus what is loaded by name: EC keys and certificates (jdk.crypto.ec),
# Chinese and other locale data (jdk.localedata), other charsets (jdk.charsets)
modules=java.base,java.desktop,java.logging,java.naming,java.scripting,java.sql,java.xml,jdk.jfr,jdk.unsupported,jdk.crypto.ec,jdk.localedata,jdk.charsets

# what every package says about itself; the app-image also gets the launcher's settings
about=(
  --name Rackdesk
  --app-version "$version"
  --vendor "Rackdesk"
  --copyright "Rackdesk contributors"
  --description "Desktop manager for fleets of libvirt/KVM hosts and Ceph clusters"
  --dest "$out"
)
launcher=(--input "$out/input" --main-jar rackdesk.jar --main-class io.rackdesk.views.Launcher)
while IFS= read -r opt; do
  launcher+=(--java-options "$opt")
done < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' packaging/jvm.options)

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=mac ;;
  MINGW*|MSYS*|CYGWIN*) os=windows ;;
  *) die "unknown OS $(uname -s)" ;;
esac

icon=()
if [[ $os == linux ]]; then
  if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert -w 256 -h 256 packaging/linux/rackdesk.svg -o "$out/rackdesk.png"
    icon=(--icon "$out/rackdesk.png")
  else
    log "rsvg-convert (librsvg2-bin) not found: the installers get jpackage's default icon"
  fi
fi

log "jpackage: app-image"
"$jpackage" --type app-image "${about[@]}" "${launcher[@]}" "${icon[@]}" --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2"
image=$out/Rackdesk
[[ $os == mac ]] && image=$out/Rackdesk.app

linux_common=(--linux-package-name rackdesk --linux-shortcut --linux-menu-group "System;Monitor;"
  --linux-app-category admin --install-dir /opt)
case $os in
  linux)
    command -v fakeroot >/dev/null 2>&1 || die "building a .deb needs fakeroot (apt-get install fakeroot)"
    command -v rpmbuild >/dev/null 2>&1 || die "building an .rpm needs rpmbuild (apt-get install rpm)"
    log "jpackage: deb"
    "$jpackage" --type deb --app-image "$image" "${about[@]}" "${icon[@]}" "${linux_common[@]}" \
      --linux-deb-maintainer "rackdesk@localhost" --resource-dir packaging/linux/deb \
      --linux-package-deps "libgtk-3-0, libxtst6, libvirt0, librados2, librbd1, fonts-dejavu-core, fonts-wqy-microhei"
    log "jpackage: rpm"
    "$jpackage" --type rpm --app-image "$image" "${about[@]}" "${icon[@]}" "${linux_common[@]}" \
      --linux-rpm-license-type "Proprietary" \
      --linux-package-deps "gtk3, libXtst, libvirt-libs, librados2, librbd1, dejavu-sans-fonts, wqy-microhei-fonts"
    ;;
  windows)
    log "jpackage: msi"
    "$jpackage" --type msi --app-image "$image" "${about[@]}" --win-menu --win-shortcut --win-dir-chooser
    ;;
  mac)
    log "jpackage: dmg"
    "$jpackage" --type dmg --app-image "$image" "${about[@]}"
    ;;
esac
rm -rf "$out/input"
ls -l "$out"
