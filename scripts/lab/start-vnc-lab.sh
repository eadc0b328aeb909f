#!/usr/bin/env bash
# start-vnc-lab.sh - start QEMU's VNC servers on 127.0.0.1 for Rackdesk's RFB client tests and CI.
#
# Starts one small QEMU (no libvirt; -display none, TCG or KVM, 64 MiB, no NIC) whose guest is a
# 512-byte boot sector drawing a 320x200 true-colour test picture (ten solid bars, a two-colour
# checker, a smooth gradient), then waits for keys: the screen changes only when a key arrives (the
# top 8 rows take a colour made of its scan code), so a VNC capture and QEMU's own screendump can be
# compared pixel for pixel, and a test can see its keystrokes reach the guest. The script waits for
# the picture.
# It serves these VNC displays (idempotent: re-running reuses a running lab):
#   plain     127.0.0.1:$PORT_BASE      security None, lossy=on,non-adaptive=on (Tight sends JPEG for
#             smooth areas when the client asks for a JPEG quality, not only for often-updated areas),
#             websocket on 127.0.0.1:$WS_BASE (ws://)
#   password  $PORT_BASE+1              VNC authentication (password from a QEMU secret object)
#   x509      $PORT_BASE+2              VeNCrypt X509None, the server requires a client certificate
#   x509vnc   $PORT_BASE+3              VeNCrypt X509Vnc (no client certificate, VNC password),
#             websocket over TLS on 127.0.0.1:$WS_BASE+3 (wss://)
# and a QMP unix socket ($LAB_DIR/qmp.sock) for screendump. Certificates come from certtool.
# At the end it writes $LAB_DIR/vnc.env (KEY='value' lines) and prints it.
# Stop with stop-vnc-lab.sh.
#
# Settings (environment):
#   RACKDESK_VNC_LAB_DIR        state directory                 default /tmp/rackdesk-lab/vnc
#   RACKDESK_VNC_LAB_PORT_BASE  first VNC port (4 are used)     default 5930 (the libvirt lab uses 5900+)
#   RACKDESK_VNC_LAB_WS_BASE    first websocket port            default 5780 (the libvirt lab uses 5700+)
#   RACKDESK_VNC_LAB_ACCEL      -machine accel=                 default kvm:tcg
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

LAB_DIR=${RACKDESK_VNC_LAB_DIR:-/tmp/rackdesk-lab/vnc}
PORT_BASE=${RACKDESK_VNC_LAB_PORT_BASE:-5930}
WS_BASE=${RACKDESK_VNC_LAB_WS_BASE:-5780}
ACCEL=${RACKDESK_VNC_LAB_ACCEL:-kvm:tcg}
# The password of the password and x509vnc displays. VNC authentication uses 8 characters at most.
PASSWORD=rackdesk

[[ $LAB_DIR =~ ^/[A-Za-z0-9._/-]+$ && $LAB_DIR != / ]] \
  || die "RACKDESK_VNC_LAB_DIR must be an absolute path of [A-Za-z0-9._/-] (got '$LAB_DIR')"
[[ $PORT_BASE =~ ^[0-9]+$ ]] && ((PORT_BASE >= 5900 && PORT_BASE <= 65532)) \
  || die "bad RACKDESK_VNC_LAB_PORT_BASE '$PORT_BASE' (5900..65532: QEMU takes display numbers)"
[[ $WS_BASE =~ ^[0-9]+$ ]] && ((WS_BASE >= 1024 && WS_BASE <= 65532)) || die "bad RACKDESK_VNC_LAB_WS_BASE '$WS_BASE'"

[[ $ACCEL =~ ^[a-z:]+$ ]] || die "bad accel '$ACCEL'"
export LC_ALL=C

ensure_packages qemu-system-x86 gnutls-bin procps python3
for c in qemu-system-x86_64 certtool timeout python3; do
  command -v "$c" >/dev/null 2>&1 || die "command $c not found"
done

RUN=$LAB_DIR/run
P=$LAB_DIR/pki
PIDFILE=$RUN/qemu.pid
mkdir -p "$RUN" "$LAB_DIR/log" "$P/ca" "$P/server" "$P/client"
chmod 700 "$P"

pid_alive() {  # pid_alive PID COMM -> running, not a zombie, named COMM
  local st
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $st && $st != Z && $(cat "/proc/$1/comm" 2>/dev/null) == "$2" ]]
}
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
rfb_banner() {  # rfb_banner PORT -> prints the 12-byte RFB version banner
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; head -c 12 <&3" 2>/dev/null || true
}

# ------------------------------------------------------------------ certificates
# A CA, a server certificate for 127.0.0.1 and a client certificate; QEMU's tls-creds-x509 wants
# ca-cert.pem, server-cert.pem and server-key.pem in one directory. certtool prompts for every
# field unless it gets a --template.
if [[ ! -s $P/client/client-cert.pem || ! -s $P/server/server-cert.pem ]]; then
  log "vnc lab: generating CA, server and client certificates (certtool)"
  printf '%s\n' 'cn = "Rackdesk VNC lab CA"' ca cert_signing_key 'expiration_days = 3650' > "$P/ca/ca.info"
  printf '%s\n' 'organization = "Rackdesk lab"' 'cn = "127.0.0.1"' 'dns_name = "localhost"' \
    'ip_address = "127.0.0.1"' tls_www_server encryption_key signing_key 'expiration_days = 3650' > "$P/server/server.info"
  printf '%s\n' 'organization = "Rackdesk lab"' 'cn = "rackdesk-vnc-client"' tls_www_client encryption_key \
    signing_key 'expiration_days = 3650' > "$P/client/client.info"
  # a second, unrelated CA: "server certificate not trusted" tests
  printf '%s\n' 'cn = "Some other CA"' ca cert_signing_key 'expiration_days = 3650' > "$P/ca/other.info"
  certtool --generate-privkey --key-type rsa --bits 2048 --outfile "$P/ca/ca-key.pem" 2>/dev/null
  certtool --generate-self-signed --load-privkey "$P/ca/ca-key.pem" --template "$P/ca/ca.info" \
    --outfile "$P/ca/ca-cert.pem" 2>/dev/null
  certtool --generate-privkey --key-type rsa --bits 2048 --outfile "$P/ca/other-key.pem" 2>/dev/null
  certtool --generate-self-signed --load-privkey "$P/ca/other-key.pem" --template "$P/ca/other.info" \
    --outfile "$P/ca/other-ca-cert.pem" 2>/dev/null
  for who in server client; do
    # unencrypted RSA keys (PKCS#1 PEM; "--pkcs8" would encrypt them, even with --null-password)
    certtool --generate-privkey --key-type rsa --bits 2048 --outfile "$P/$who/$who-key.pem" 2>/dev/null
    certtool --generate-certificate --load-privkey "$P/$who/$who-key.pem" \
      --load-ca-certificate "$P/ca/ca-cert.pem" --load-ca-privkey "$P/ca/ca-key.pem" \
      --template "$P/$who/$who.info" --outfile "$P/$who/$who-cert.pem" 2>/dev/null
    cp "$P/ca/ca-cert.pem" "$P/$who/ca-cert.pem"
  done
  rm -f "$P"/*/*.info
  chmod 600 "$P"/*/*key.pem
fi
printf '%s' "$PASSWORD" > "$LAB_DIR/password"
chmod 600 "$LAB_DIR/password"

# ------------------------------------------------------------------ guest
# The boot sector: Bochs VBE 320x200x32 (banked), draw the picture through the A000 window, then wait
# for keys (BIOS int 16h) and paint the top 8 rows 0x80xxSS, SS = the key's scan code.
# Built from this source with `as --32 boot.s -o boot.o && ld -m elf_i386 -Ttext 0x7c00
# --oformat binary boot.o -o boot.bin` (then padded to 510 bytes and the 55 AA signature added):
#   .code16
#   .intel_syntax noprefix
#   .globl _start
#   _start:
#       mov bx, 4           /* Bochs VBE: disable, 320x200x32, enable (banked, 64 KiB window at A000) */
#       xor ax, ax
#       call dispi
#       mov bx, 1
#       mov ax, 320
#       call dispi
#       mov bx, 2
#       mov ax, 200
#       call dispi
#       mov bx, 3
#       mov ax, 32
#       call dispi
#       mov bx, 4
#       mov ax, 1
#       call dispi
#       mov ax, 0xA000
#       mov es, ax
#       xor si, si          /* pixel number */
#       xor bp, bp          /* bank */
#   bank:
#       mov bx, 5
#       mov ax, bp
#       call dispi
#       xor di, di
#   pix:
#       mov ax, si
#       xor dx, dx
#       mov cx, 320
#       div cx              /* ax = y, dx = x */
#       xor ebx, ebx
#       cmp ax, 50
#       jae band2
#       shr dx, 5           /* ten solid bars of 32 pixels */
#       test dl, 1
#       jz nored
#       or ebx, 0xFF0000
#   nored:
#       test dl, 2
#       jz nogreen
#       or ebx, 0x00FF00
#   nogreen:
#       test dl, 4
#       jz noblue
#       or bl, 0xFF
#   noblue:
#       test dl, 8
#       jz put
#       or ebx, 0x808080
#       jmp put
#   band2:
#       cmp ax, 100
#       jae band3
#       mov cx, dx          /* 8x8 checker of two colours */
#       xor cx, ax
#       test cl, 8
#       mov ebx, 0x0000AA
#       jz put
#       mov ebx, 0xFFFF00
#       jmp put
#   band3:
#       sub ax, 100         /* smooth: red = x / 2, green = 2 (y - 100), blue = 255 - x / 2 */
#       shl ax, 1
#       mov bh, al
#       shr dx, 1
#       mov bl, 255
#       sub bl, dl
#       movzx edx, dx
#       shl edx, 16
#       or ebx, edx
#   put:
#       mov eax, ebx
#       stosd
#       inc si
#       cmp si, 64000
#       jae done
#       test di, di
#       jnz pix
#       inc bp
#       jmp bank
#   done:
#       xor ah, ah          /* wait for a key (BIOS); then paint the top 8 rows 0x80xxSS, SS = its scan code */
#       int 0x16
#       mov cl, ah
#       push cx
#       mov bx, 5
#       xor ax, ax
#       call dispi          /* bank 0 */
#       pop cx
#       movzx eax, cl
#       or eax, 0x800000
#       xor di, di
#       mov cx, 2560
#       rep stosd
#       jmp done
#   dispi:                  /* DISPI register bx = ax */
#       push ax
#       mov dx, 0x1ce
#       mov ax, bx
#       out dx, ax
#       pop ax
#       mov dx, 0x1cf
#       out dx, ax
#       ret
BOOT_HEX=bb040031c0e8e700bb0100b84001e8de00bb0200b8c800e8d500bb0300b82000e8cc00bb0400b80100e8c300b800a08ec031f631edbb050089e8e8b20031ff89f031d2b94001f7f16631db83f8327331c1ea05f6c20174076681cb0000ff00f6c20274076681cb00ff0000f6c204740380cbfff6c208743d6681cb80808000eb3483f864731789d131c1f6c10866bbaa000000742066bb00ffff00eb1883e864d1e088c7d1eab3ff28d3660fb7d266c1e2106609d36689d866ab4681fe00fa730a85ff0f8578ff45e96aff30e4cd1688e151bb050031c0e8150059660fb6c1660d0000800031ffb9000a66f3abebdc50bace0189d8ef58bacf01efc3
# rewritten every time (a running qemu keeps its own copy: snapshot=on and the old inode)
{
  printf '%s' "$BOOT_HEX" | sed 's/../\\x&/g' | xargs -0 printf '%b'
  head -c $((510 - ${#BOOT_HEX} / 2)) /dev/zero
  printf '\x55\xaa'
} > "$LAB_DIR/boot.img.tmp"
[[ $(stat -c %s "$LAB_DIR/boot.img.tmp") == 512 ]] || die "boot sector is not 512 bytes"
truncate -s 1M "$LAB_DIR/boot.img.tmp"
mv "$LAB_DIR/boot.img.tmp" "$LAB_DIR/boot.img"

# ------------------------------------------------------------------ qemu
P0=$PORT_BASE P1=$((PORT_BASE + 1)) P2=$((PORT_BASE + 2)) P3=$((PORT_BASE + 3))
W0=$WS_BASE W3=$((WS_BASE + 3))
ARGS=(-name rackdesk-vnc-lab -machine "pc,accel=$ACCEL" -m 64 -nodefaults -no-user-config
  -vga std -display none -no-reboot
  -drive "file=$LAB_DIR/boot.img,format=raw,if=ide,index=0,snapshot=on"
  -object "secret,id=vncpw,file=$LAB_DIR/password"
  -object "tls-creds-x509,id=tlsverify,dir=$P/server,endpoint=server,verify-peer=on"
  -object "tls-creds-x509,id=tlsnoverify,dir=$P/server,endpoint=server,verify-peer=off"
  -vnc "127.0.0.1:$((P0 - 5900)),id=plain,lossy=on,non-adaptive=on,websocket=127.0.0.1:$W0"
  -vnc "127.0.0.1:$((P1 - 5900)),id=password,password-secret=vncpw"
  -vnc "127.0.0.1:$((P2 - 5900)),id=x509,tls-creds=tlsverify"
  -vnc "127.0.0.1:$((P3 - 5900)),id=x509vnc,tls-creds=tlsnoverify,password-secret=vncpw,websocket=127.0.0.1:$W3"
  -qmp "unix:$LAB_DIR/qmp.sock,server=on,wait=off"
  -pidfile "$PIDFILE" -daemonize)
printf '%s\n' "${ARGS[@]}" > "$LAB_DIR/qemu.args.new"

if [[ -s $PIDFILE ]] && pid_alive "$(cat "$PIDFILE")" qemu-system-x86; then
  if ! cmp -s "$LAB_DIR/qemu.args" "$LAB_DIR/qemu.args.new"; then
    die "the running vnc lab uses other settings than asked for; run stop-vnc-lab.sh first"
  fi
  log "vnc lab: qemu already running (pid $(cat "$PIDFILE"))"
else
  for port in "$P0" "$P1" "$P2" "$P3" "$W0" "$W3"; do
    ! port_open "$port" || die "port $port on 127.0.0.1 is taken (set RACKDESK_VNC_LAB_PORT_BASE / _WS_BASE)"
  done
  rm -f "$LAB_DIR/qmp.sock" "$PIDFILE"
  qemu-system-x86_64 "${ARGS[@]}" >"$LAB_DIR/log/qemu.log" 2>&1 \
    || die "qemu did not start: $(tail -3 "$LAB_DIR/log/qemu.log")"
  log "vnc lab: qemu started (pid $(cat "$PIDFILE"))"
fi
mv "$LAB_DIR/qemu.args.new" "$LAB_DIR/qemu.args"

for port in "$P0" "$P1" "$P2" "$P3"; do
  ok=
  for _ in $(seq 1 100); do
    [[ $(rfb_banner "$port") == "RFB 003.008" ]] && { ok=1; break; }
    sleep 0.1
  done
  [[ -n $ok ]] || die "no RFB banner on 127.0.0.1:$port"
done
# Wait until the guest has drawn its picture: the bottom-right pixel of a QMP screendump (PPM) is
# not black any more (SeaBIOS and TCG take one to several seconds on a busy machine).
python3 - "$LAB_DIR/qmp.sock" "$LAB_DIR/ready.ppm" <<'PY' || die "the guest did not draw its picture within 60 s"
import json, socket, sys, time
sock, ppm = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sock)
f = s.makefile('rw')
f.readline()
def call(cmd, args=None):
    f.write(json.dumps({"execute": cmd, "arguments": args or {}}) + "\n")
    f.flush()
    while True:
        r = json.loads(f.readline())
        if "return" in r or "error" in r:
            return r
call("qmp_capabilities")
deadline = time.time() + 60
while time.time() < deadline:
    call("screendump", {"filename": ppm})
    data = open(ppm, "rb").read()
    head = data.split(b"\n", 3)  # P6, "W H", 255, pixels
    if head[0] == b"P6" and head[1].split() == [b"320", b"200"] and data[-3:] != b"\0\0\0":
        sys.exit(0)
    time.sleep(0.2)
sys.exit(1)
PY
rm -f "$LAB_DIR/ready.ppm"

# ------------------------------------------------------------------ vnc.env
cat > "$LAB_DIR/vnc.env.tmp" <<EOF
RACKDESK_VNC_LAB_DIR='$LAB_DIR'
RACKDESK_VNC_LAB_QMP='$LAB_DIR/qmp.sock'
RACKDESK_VNC_LAB_PLAIN='127.0.0.1:$P0'
RACKDESK_VNC_LAB_PASSWORD='127.0.0.1:$P1'
RACKDESK_VNC_LAB_X509='127.0.0.1:$P2'
RACKDESK_VNC_LAB_X509VNC='127.0.0.1:$P3'
RACKDESK_VNC_LAB_WS='ws://127.0.0.1:$W0'
RACKDESK_VNC_LAB_WSS='wss://127.0.0.1:$W3'
RACKDESK_VNC_LAB_PASSWORD_FILE='$LAB_DIR/password'
RACKDESK_VNC_LAB_CA='$P/ca/ca-cert.pem'
RACKDESK_VNC_LAB_OTHER_CA='$P/ca/other-ca-cert.pem'
RACKDESK_VNC_LAB_CLIENT_CERT='$P/client/client-cert.pem'
RACKDESK_VNC_LAB_CLIENT_KEY='$P/client/client-key.pem'
EOF
mv "$LAB_DIR/vnc.env.tmp" "$LAB_DIR/vnc.env"
cat "$LAB_DIR/vnc.env"
