#!/usr/bin/env bash
# Builds Rackdesk's installers with jpackage from target/rackdesk.jar and target/lib/ (run by
# `./mvnw -P installer package`, after the jar): an app-image, then on Linux a .deb and an .rpm, on
# Windows an .msi (WiX 3 on PATH), on macOS a .dmg, all under target/installer/. The runtime is
# jlinked by jpackage from a JDK 25+ (debug stripped), with an AOT cache on Linux; JVM options come
# from packaging/jvm.options.
#   packaging/build-installers.sh VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh   # log, die, desktop_jvm_options

version=${1:?usage: build-installers.sh VERSION}
version=${version%%-*}   # jpackage wants numbers only: 0.1.0-SNAPSHOT -> 0.1.0
[[ -f target/rackdesk.jar && -d target/lib ]] || die "target/rackdesk.jar or target/lib missing: run ./mvnw package first"

# The bundled runtime is a JDK 25's (the app is built for 17): its AOT cache (JEP 483/514) starts the
# window far sooner than JDK 17's AppCDS, and it still fits when the app is installed elsewhere than
# it was made. RACKDESK_INSTALLER_JDK, else JAVA_HOME, else the newest JDK 25+ under /usr/lib/jvm.
jdk_feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }
find_jdk() {
  local d best='' v bestv=0
  for d in "${RACKDESK_INSTALLER_JDK:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n $d && -x $d/bin/jpackage ]] || continue
    v=$(jdk_feature "$d")
    [[ -n $v ]] || continue
    [[ -n ${RACKDESK_INSTALLER_JDK:-} && $d == "$RACKDESK_INSTALLER_JDK" ]] && { best=$d; bestv=$v; break; }
    (( v > bestv )) && { best=$d; bestv=$v; }
  done
  (( bestv >= 25 )) || die "the installers bundle a JDK 25 (or newer) runtime and none was found: install one (e.g. Temurin 25) and set RACKDESK_INSTALLER_JDK to it${best:+ (newest found: $best, JDK $bestv)}"
  printf '%s\n' "$best"
}
jdk=$(find_jdk)
jpackage=$jdk/bin/jpackage
log "bundling the runtime of $jdk (JDK $(jdk_feature "$jdk"))"

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=mac ;;
  MINGW*|MSYS*|CYGWIN*) os=windows ;;
  *) die "unknown OS $(uname -s)" ;;
esac

out=target/installer
rm -rf "$out"
mkdir -p "$out/input/lib"
cp target/rackdesk.jar "$out/input/"
cp target/lib/*.jar "$out/input/lib/"
# JavaFX's native libraries next to its jars: JavaFX loads them from there directly, instead of
# checking (and on a first start, writing) copies under ~/.openjfx/cache at every start
command -v unzip >/dev/null 2>&1 || die "unzip not found (apt-get install unzip)"
for jar in "$out"/input/lib/javafx-*-{linux,win,mac,mac-aarch64}.jar; do
  [[ -f $jar ]] || continue
  unzip -qo "$jar" '*.so' '*.dll' '*.dylib' -d "$out/input/lib" 2>/dev/null || (( $? == 11 ))   # 11: a pattern matched nothing
done
# JNA's native library too (Linux): without it JNA writes a copy to ~/.cache/JNA/temp at every start;
# the launcher points jna.boot.library.path here (a copy still comes out of the jar if it is missing)
jna_arch=
if [[ $os == linux ]]; then
  case $(uname -m) in x86_64) jna_arch=linux-x86-64 ;; aarch64) jna_arch=linux-aarch64 ;; esac
fi
if [[ -n $jna_arch ]]; then
  unzip -qjo "$out"/input/lib/jna-[0-9]*.jar "com/sun/jna/$jna_arch/libjnidispatch.so" -d "$out/input/lib" \
    || die "no com/sun/jna/$jna_arch/libjnidispatch.so in JNA's jar"
fi

# what the classes need (jdeps: java.base, java.desktop, java.naming, java.scripting, java.sql,
# jdk.jfr, jdk.unsupported; Apache MINA SSHD: java.management and java.rmi, whose exception classes
# its futures and sessions refer to: without them an SSH connect fails on SSHD's thread and times
# out), plus what is loaded by name: EC keys and certificates (jdk.crypto.ec), Chinese and other
# locale data (jdk.localedata), other charsets (jdk.charsets); dbus-java (the OS keyring on Linux,
# app/secrets) authenticates with the user's uid from jdk.security.auth and opens its socket with jdk.net
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.rmi,java.scripting,java.sql,java.xml,jdk.jfr,jdk.unsupported,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.security.auth,jdk.net
# Modules stored uncompressed: the installers compress the whole image anyway, and better (the .deb's
# xz: 26 MB for the runtime instead of 46 MB with zip-6 inside), and classes need no inflating.
jlink_options="--strip-debug --no-man-pages --no-header-files --compress=zip-0"

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
# packaging/jvm.options (shared with run-demo.sh on the system JDK), then what only JDK 24+ knows:
# JNA, libvirt-java and JavaFX load native code and JavaFX's Marlin renderer uses sun.misc.Unsafe;
# allowed here, or every start prints warnings about it.
mapfile -t jvm_options < <(desktop_jvm_options)
jvm_options+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
for opt in "${jvm_options[@]}"; do
  launcher+=(--java-options "$opt")
done


# Start-up cache (Linux): one training run of the app-image's own runtime under Xvfb, with the
# launcher's class path and options, until the demo host is listed; the JVM writes the AOT cache
# (classes loaded and linked, heap objects) when it exits. The cache only fits jars with the
# modification times it saw, and jpackage's copies for the .deb and .rpm reset them, so the jars
# get one fixed time first, written to rackdesk.aot.mtime: the .deb's postinst and the .rpm's
# %install set it again. The launcher maps the cache (-XX:AOTCache); if it does not fit, the JVM
# starts without it, just slower (its complaint is switched off with -Xlog:aot*=off).
aot_mtime=946684800   # 2000-01-01T00:00:00Z
# What the launcher reads ahead on Linux (lib/app/rackdesk.preload): the files the training run had
# mapped once the demo host was listed (GTK's, libvirt's and JavaFX's libraries, fonts, jars), in
# the image written as @/..., minus what the JVM reads itself first thing (its library, its modules,
# the cache) and files of 16 MB or more, of which a start touches a small part only.
write_preload_list() {   # IMAGE_DIR PID
  local image pid=$2 f
  image=$(cd "$1" && pwd)
  awk '$6 ~ /^\// { print $6 }' "/proc/$pid/maps" | awk '!seen[$0]++' | while IFS= read -r f; do
    case $f in /tmp/*|/dev/*|/proc/*|*/lib/modules|*/libjvm.so|*/rackdesk.aot) continue ;; esac
    [[ -f $f ]] && (( $(stat -c %s "$f") < 16 * 1024 * 1024 )) || continue
    printf '%s\n' "${f/#$image\//@/}"
  done >"$image/lib/app/rackdesk.preload"
  log "read-ahead list: $(wc -l <"$image/lib/app/rackdesk.preload") files"
}
train_aot_cache() {   # IMAGE_DIR
  local image=$1 app=$1/lib/app disp work xvfb pid ok= cp opts
  work=$(mktemp -d)
  find "$app" -name '*.jar' -exec touch -h -d "@$aot_mtime" {} +
  echo "$aot_mtime" >"$app/rackdesk.aot.mtime"
  # the class path and options exactly as the launcher passes them ($APPDIR is lib/app)
  cp=$(sed -n 's/^app\.classpath=//p' "$app/Rackdesk.cfg" | sed "s|\$APPDIR|$app|" | paste -sd: -)
  mapfile -t opts < <(sed -n 's/^java-options=//p' "$app/Rackdesk.cfg" | grep -v -e '^-XX:AOTCache=' -e '^-Xlog:aot')
  start_xvfb
  xvfb=$XVFB_PID disp=$XVFB_DISPLAY
  # no arguments, as the desktop entry starts it (a plain start skips picocli: train that path)
  RACKDESK_CONFIG_DIR=$work/config DISPLAY=$disp "$image/lib/runtime/bin/java" "${opts[@]}" -XX:AOTCacheOutput="$app/rackdesk.aot" \
    -Xlog:aot=error -cp "$cp" io.rackdesk.views.Launcher >"$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if grep -qE 'connected test://.*demo-host\.xml: 14 VMs' "$work/app.log"; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  sleep 2   # the table paints
  write_preload_list "$image" "$pid"
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true   # the cache is written on exit
  kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true
  if [[ -z $ok || ! -s $app/rackdesk.aot ]]; then
    cat "$work/app.log" >&2
    rm -rf "$work"
    die "the training run for the start-up cache did not finish (log above)"
  fi
  rm -rf "$work"
  # -XX:AOTMode=on refuses to start with a cache that does not fit
  "$image/lib/runtime/bin/java" "${opts[@]}" -XX:AOTCache="$app/rackdesk.aot" -XX:AOTMode=on -cp "$cp" -version >/dev/null 2>&1 \
    || die "the new start-up cache does not fit its own app-image"
  log "start-up cache: $(du -h "$app/rackdesk.aot" | cut -f1) $app/rackdesk.aot"
}

icon=() aot=()
case $os in
  linux)
    if command -v rsvg-convert >/dev/null 2>&1; then
      rsvg-convert -w 256 -h 256 packaging/linux/rackdesk.svg -o "$out/rackdesk.png"
      icon=(--icon "$out/rackdesk.png")
    else
      log "rsvg-convert (librsvg2-bin) not found: the installers get jpackage's default icon"
    fi
    if command -v Xvfb >/dev/null 2>&1; then
      aot=(--java-options "-XX:AOTCache=\$APPDIR/rackdesk.aot" --java-options "-Xlog:aot*=off")
      [[ -n $jna_arch ]] && aot+=(--java-options "-Djna.boot.library.path=\$APPDIR/lib")
    else
      log "no Xvfb (apt-get install xvfb): no start-up cache, the app starts slower"
    fi
    ;;
  # the .ico and .icns come from packaging/make-icons.sh, run on Linux (the hosted workflow's icons job)
  windows) [[ -f target/icons/rackdesk.ico ]] && icon=(--icon target/icons/rackdesk.ico) ;;
  mac) [[ -f target/icons/rackdesk.icns ]] && icon=(--icon target/icons/rackdesk.icns) ;;
esac
(( ${#icon[@]} )) || log "no icon for $os (packaging/make-icons.sh makes them): jpackage's default icon"

log "jpackage: app-image"
"$jpackage" --type app-image "${about[@]}" "${launcher[@]}" "${aot[@]}" "${icon[@]}" --add-modules "$modules" \
  --jlink-options "$jlink_options"
image=$out/Rackdesk
[[ $os == mac ]] && image=$out/Rackdesk.app
# The JDK's native libraries keep their symbol tables (libjvm.so: 29.8 MB, 24.8 MB without): a cold
# start reads the whole of libjvm.so, so the smaller, the sooner. jlink's --strip-native-debug-symbols
# only drops debug sections.
if [[ $os == linux ]]; then
  command -v strip >/dev/null 2>&1 || die "strip not found (apt-get install binutils)"
  find "$image/lib/runtime" -name '*.so' -exec strip --strip-unneeded {} +
fi
(( ${#aot[@]} )) && train_aot_cache "$image"

# The Linux launcher: a shell script in place of jpackage's native one, which asks the package
# manager which package owns it on every start (rpm -qf, dpkg -S, dpkg -L: measured 80 ms warm and
# 210 ms cold here with 970 packages, more on a full desktop) only to find lib/libapplauncher.so,
# which sits next to it anyway. The script starts the bundled runtime with the same options and
# class path (so the start-up cache fits), named after the app in ps.
write_linux_launcher() {   # IMAGE_DIR
  local image=$1 app=$1/lib/app cp opts opt
  cp=$(sed -n 's/^app\.classpath=//p' "$app/Rackdesk.cfg" | paste -sd: -)   # $APPDIR stays for run time
  mapfile -t opts < <(sed -n 's/^java-options=//p' "$app/Rackdesk.cfg")
  {
    echo '#!/bin/bash'
    echo '# Starts Rackdesk on its bundled runtime (written by packaging/build-installers.sh from lib/app/Rackdesk.cfg).'
    echo 'APPDIR=$(dirname "$(dirname "$(readlink -f "$0")")")/lib/app'
    echo '# GTK need not probe OpenGL for Rackdesk (see LinuxGraphics); a value the user set is kept'
    echo 'export GDK_GL=${GDK_GL-disable}'
    echo '# A cold start waits on the disk for the libraries and fonts it maps as it goes (about 100 MB):'
    echo '# read them ahead in the background at low CPU and disk priority while the JVM starts (as'
    echo '# Firefox reads libxul ahead). The list comes from the build'"'"'s training run (@ is this folder).'
    echo 'if [[ -r $APPDIR/rackdesk.preload ]]; then'
    echo '  (sed "s|^@|${APPDIR%/lib/app}|" "$APPDIR/rackdesk.preload" | nice -n 19 ionice -c 3 xargs -d '"'"'\n'"'"' cat >/dev/null 2>&1 &)'
    echo 'fi'
    printf 'exec -a rackdesk "$APPDIR/../runtime/bin/java"'
    for opt in "${opts[@]}"; do printf ' \\\n  "%s"' "$opt"; done
    printf ' \\\n  -cp "%s" \\\n  io.rackdesk.views.Launcher "$@"\n' "$cp"
  } >"$image/bin/Rackdesk"
  chmod 755 "$image/bin/Rackdesk"
  # the script must start what the native launcher started: the same runtime, class path and cache
  JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$image/bin/Rackdesk" --version >/dev/null 2>&1 \
    || die "the launcher script does not start the app with its start-up cache (JAVA_TOOL_OPTIONS='-XX:AOTMode=on -Xlog:aot' $image/bin/Rackdesk --version)"
}
[[ $os == linux ]] && write_linux_launcher "$image"

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
      --linux-rpm-license-type "Proprietary" --resource-dir packaging/linux/rpm \
      --linux-package-deps "gtk3, libXtst, libvirt-libs, librados2, librbd1, dejavu-sans-fonts, wqy-microhei-fonts"
    ;;
  windows)
    log "jpackage: msi"
    "$jpackage" --type msi --app-image "$image" "${about[@]}" "${icon[@]}" --win-menu --win-shortcut --win-dir-chooser
    ;;
  mac)
    log "jpackage: dmg"
    "$jpackage" --type dmg --app-image "$image" "${about[@]}" "${icon[@]}"
    ;;
esac
rm -rf "$out/input"
ls -l "$out"
