#!/usr/bin/env bash
# Renders Rackdesk's icon (packaging/linux/rackdesk.svg) for every installer: a 256 px PNG (Linux),
# a multi-size .ico (Windows: 16-256 px) and an .icns (macOS: 16-512 px), under target/icons/. Runs on
# Linux (rsvg-convert from librsvg2-bin, icotool from icoutils, png2icns from icnsutils); the hosted
# workflow makes them once there and hands them to the Windows and macOS jobs.
#   packaging/make-icons.sh [OUT_DIR=target/icons]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh   # log, die
out=${1:-target/icons}
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install librsvg2-bin icoutils icnsutils)"
done
mkdir -p "$out/png"
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" packaging/linux/rackdesk.svg -o "$out/png/$size.png"
done
cp "$out/png/256.png" "$out/rackdesk.png"
# Windows: the sizes Explorer and the taskbar ask for; 256 px stored as PNG, smaller ones as bitmaps
icotool -c -o "$out/rackdesk.ico" "$out/png/"{16,32,48,64,128}.png -r "$out/png/256.png"
# macOS: png2icns takes the sizes it has an icon type for (16, 32, 48, 128, 256, 512)
png2icns "$out/rackdesk.icns" "$out/png/"{16,32,48,128,256,512}.png >/dev/null
log "icons: $out/rackdesk.png, $out/rackdesk.ico, $out/rackdesk.icns"
