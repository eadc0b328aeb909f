#!/usr/bin/env bash
# start-vnc-lab.sh - start QEMU's VNC servers on 127.0.0.1 for Rackdesk's RFB client tests and CI.
#
# Starts one small QEMU (no libvirt; -display none, TCG or KVM, 64 MiB, no NIC) whose guest is a
# 512-byte boot sector drawing a 320x200 256-colour test picture (solid bars, a two-colour
# checker, an eight-colour band, a band with every palette colour), then halts: the screen never
# changes afterwards, so a VNC capture and QEMU's own screendump can be compared pixel for pixel.
# It serves these VNC displays (idempotent: re-running reuses a running lab):
#   plain     127.0.0.1:$PORT_BASE      security None, lossy=on (Tight may send JPEG when asked),
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

ensure_packages qemu-system-x86 gnutls-bin procps
for c in qemu-system-x86_64 certtool timeout; do
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
    # RSA keys in PKCS#8 (what Java's KeyFactory reads without extra libraries)
    certtool --generate-privkey --key-type rsa --bits 2048 --pkcs8 --null-password \
      --outfile "$P/$who/$who-key.pem" 2>/dev/null
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
# The boot sector: mode 13h (320x200, 256 colours), draw the picture into A000:0000, hlt forever.
# Built from this source with `as --32 boot.s -o boot.o && ld -m elf_i386 -Ttext 0x7c00
# --oformat binary boot.o -o boot.bin` (then padded to 510 bytes and the 55 AA signature added):
#   .code16
#   .intel_syntax noprefix
#   .globl _start
#   _start:
#       mov ax, 0x13
#       int 0x10
#       mov ax, 0xA000
#       mov es, ax
#       xor di, di
#   next:
#       mov ax, di
#       xor dx, dx
#       mov bx, 320
#       div bx              /* ax = y, dx = x */
#       cmp ax, 50
#       jae band2
#       mov al, dl
#       shr dx, 4
#       mov al, dl          /* colour x/16: 20 solid bars */
#       jmp put
#   band2:
#       cmp ax, 100
#       jae band3
#       mov bx, dx
#       xor bx, ax
#       shr bx, 3
#       and bl, 1
#       mov al, 1
#       jz put
#       mov al, 14          /* 8x8 checker, two colours */
#       jmp put
#   band3:
#       cmp ax, 150
#       jae band4
#       xor ax, dx
#       shr ax, 2
#       and al, 7
#       add al, 40          /* eight colours */
#       jmp put
#   band4:
#       add ax, dx          /* x + y: every colour of the palette */
#   put:
#       stosb
#       cmp di, 64000
#       jb next
#   hang:
#       hlt
#       jmp hang
BOOT_HEX=b81300cd10b800a08ec031ff89f831d2bb4001f7f383f832730988d0c1ea0488d0eb2983f864731289d331c3c1eb0380e301b0017416b00eeb123d9600730b31d0c1e80224070428eb0201d0aa81ff00fa72b9f4ebfd
if [[ ! -s $LAB_DIR/boot.img ]]; then
  {
    printf '%s' "$BOOT_HEX" | sed 's/../\\x&/g' | xargs -0 printf '%b'
    head -c $((510 - ${#BOOT_HEX} / 2)) /dev/zero
    printf '\x55\xaa'
  } > "$LAB_DIR/boot.img.tmp"
  [[ $(stat -c %s "$LAB_DIR/boot.img.tmp") == 512 ]] || die "boot sector is not 512 bytes"
  truncate -s 1M "$LAB_DIR/boot.img.tmp"
  mv "$LAB_DIR/boot.img.tmp" "$LAB_DIR/boot.img"
fi

# ------------------------------------------------------------------ qemu
P0=$PORT_BASE P1=$((PORT_BASE + 1)) P2=$((PORT_BASE + 2)) P3=$((PORT_BASE + 3))
W0=$WS_BASE W3=$((WS_BASE + 3))
ARGS=(-name rackdesk-vnc-lab -machine "pc,accel=$ACCEL" -m 64 -nodefaults -no-user-config
  -vga std -display none -no-reboot
  -drive "file=$LAB_DIR/boot.img,format=raw,if=ide,index=0,snapshot=on"
  -object "secret,id=vncpw,file=$LAB_DIR/password"
  -object "tls-creds-x509,id=tlsverify,dir=$P/server,endpoint=server,verify-peer=on"
  -object "tls-creds-x509,id=tlsnoverify,dir=$P/server,endpoint=server,verify-peer=off"
  -vnc "127.0.0.1:$((P0 - 5900)),id=plain,lossy=on,websocket=127.0.0.1:$W0"
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
# the guest draws its picture in a few milliseconds after SeaBIOS; give TCG a moment
sleep 1

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
