#!/usr/bin/env bash
# Builds Rackdesk's installers with jpackage from target/rackdesk.jar and target/lib/ (run by
# `./mvnw -P installer package`, after the jar): an app-image, then on Linux a .deb and an .rpm, on
# Windows an .msi (WiX 3 on PATH), on macOS a .dmg, all under target/installer/. The runtime is
# jlinked by jpackage (debug stripped, compressed); JVM options come from packaging/jvm.options.
#   packaging/build-installers.sh VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh   # log, die, desktop_jvm_options

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
mapfile -t jvm_options < <(desktop_jvm_options)
for opt in "${jvm_options[@]}"; do
  launcher+=(--java-options "$opt")
done

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=mac ;;
  MINGW*|MSYS*|CYGWIN*) os=windows ;;
  *) die "unknown OS $(uname -s)" ;;
esac

# Start-up archive (Linux): a training run of the jar under Xvfb lists the classes a start loads
# (-XX:DumpLoadedClassList). The list ships in the app; the .deb's postinst dumps a class-data archive
# from it against the installed class path (JDK 17's archives only fit the exact paths they were made
# with), and the launcher maps it (-XX:SharedArchiveFile; without the file the JVM just starts slower).
classlist=
train_class_list() {
  command -v Xvfb >/dev/null 2>&1 || { log "no Xvfb: no start-up archive"; return 0; }
  local disp work app pid ok=
  work=$(mktemp -d)
  disp=:$((500 + RANDOM % 400))
  Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 50); do [[ -e /tmp/.X11-unix/X${disp#:} ]] && break; sleep 0.1; done
  DISPLAY=$disp java "${jvm_options[@]}" -XX:DumpLoadedClassList="$out/classes.lst" -jar target/rackdesk.jar \
    --config-dir "$work/config" >"$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 600); do
    if grep -qE 'connected test://.*demo-host\.xml: 14 VMs' "$work/app.log"; then ok=1; break; fi
    kill -0 "$app" 2>/dev/null || break
    sleep 0.1
  done
  sleep 2   # the table paints
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
  if [[ -n $ok && -s $out/classes.lst ]]; then
    classlist=$out/classes.lst
    log "start-up class list: $(wc -l <"$classlist") classes"
  else
    log "the training run did not finish: no start-up archive"
    rm -f "$out/classes.lst"
  fi
}

icon=()
if [[ $os == linux ]]; then
  train_class_list
  if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert -w 256 -h 256 packaging/linux/rackdesk.svg -o "$out/rackdesk.png"
    icon=(--icon "$out/rackdesk.png")
  else
    log "rsvg-convert (librsvg2-bin) not found: the installers get jpackage's default icon"
  fi
fi

archive=()
[[ -n $classlist ]] && archive=(--java-options "-XX:SharedArchiveFile=\$APPDIR/rackdesk.jsa")
log "jpackage: app-image"
"$jpackage" --type app-image "${about[@]}" "${launcher[@]}" "${archive[@]}" "${icon[@]}" --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2"
image=$out/Rackdesk
[[ $os == mac ]] && image=$out/Rackdesk.app
[[ -n $classlist ]] && cp "$classlist" "$image/lib/app/classes.lst"

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
