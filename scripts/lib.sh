# shellcheck shell=bash
# Shared helpers for Rackdesk's scripts (sourced, not run).

log() { printf '[rackdesk] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Starts Xvfb (1280x800) on a display no server has used lately and returns once it accepts clients:
# Xvfb writes the display's number to -displayfd only then (its socket file appears earlier, before
# it listens, and a client that came that early failed with "cannot open display"). A random number,
# not the lowest free one: helpers of an app on an earlier server of that number (GLib's autolaunched
# dbus-launch) outlive it. Sets XVFB_PID and XVFB_DISPLAY (":N").
start_xvfb() {  # [LOG_FILE]
  local log=${1:-/dev/null} numfile n
  while n=$((90 + RANDOM % 800)); [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do :; done
  numfile=$(mktemp)
  Xvfb ":$n" -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$numfile" >"$log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 1 200); do
    [[ -s $numfile ]] && break
    kill -0 "$XVFB_PID" 2>/dev/null || break
    sleep 0.05
  done
  XVFB_DISPLAY=:$(tr -d '[:space:]' <"$numfile")
  rm -f "$numfile"
  [[ $XVFB_DISPLAY != : ]] || die "Xvfb did not start (log: $log)"
}

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [[ $(id -u) == 0 ]]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    die "need root for: $* (run as root or install sudo)"; fi
}

# ensure_packages PKG...: installs the Debian packages that are missing (idempotent; waits for a busy apt).
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null 2>&1 || die "missing packages ${missing[*]} and no apt-get: install them by hand"
  local i
  for i in $(seq 1 120); do
    pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null || break
    ((i == 1)) && log "waiting for another apt/dpkg to finish"
    sleep 2
  done
  log "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# What building and testing need: a JDK 17, libvirt's client library (JNA loads it), and pango for
# headless JavaFX (Monocle). curl lets ./mvnw fetch Maven.
# shellcheck disable=SC2034 # used by the scripts that source this file
# dbus-x11 and gnome-keyring: a private Secret Service for the OS keyring test (OsKeyringTest).
BUILD_PACKAGES=(openjdk-17-jdk-headless libvirt0 libpangoft2-1.0-0 curl ca-certificates dbus-x11 gnome-keyring)
# What the GUI needs on top: GTK and libXtst for JavaFX's glass on X11, fonts with Latin and Chinese glyphs.
# shellcheck disable=SC2034
GUI_PACKAGES=(libgtk-3-0 libxtst6 fonts-dejavu-core fonts-wqy-microhei)
# What building the installers needs on Debian (packaging/build-installers.sh): fakeroot for the
# .deb, rpmbuild for the .rpm, cpio to look into the .rpm (smoke-installer.sh), unzip for JavaFX's native
# libraries, rsvg-convert for the icon,
# icotool and png2icns for the Windows and macOS icons (packaging/make-icons.sh).
# shellcheck disable=SC2034
INSTALLER_PACKAGES=(fakeroot rpm cpio unzip binutils librsvg2-bin icoutils icnsutils)

# The desktop app's JVM options (packaging/jvm.options without comments), one per line on stdout.
desktop_jvm_options() {
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$(dirname "${BASH_SOURCE[0]}")/../packaging/jvm.options"
}

# without_libraries GLOB CMD...: runs CMD in a private mount namespace in which every file matching
# GLOB under /usr/lib/*/ and /usr/lib64/ (e.g. 'libvirt.so.0.*') is an empty file (/dev/null bound
# over it), as on a machine without that library. Root only.
without_libraries() {
  local glob=$1 libs
  shift
  [[ $(id -u) == 0 ]] || die "needs root (a private mount namespace hides the library)"
  # shellcheck disable=SC2086 # the glob is meant to expand
  mapfile -t libs < <(ls /usr/lib/*/$glob /usr/lib64/$glob 2>/dev/null || true)
  ((${#libs[@]})) || die "no $glob found to hide"
  unshare -m bash -c 'for f in "${@:2:$1}"; do mount --bind /dev/null "$f"; done; shift $(($1 + 1)); exec "$@"' \
    hide "${#libs[@]}" "${libs[@]}" "$@"
}
