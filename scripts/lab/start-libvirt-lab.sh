#!/usr/bin/env bash
# start-libvirt-lab.sh - start a real libvirt lab on 127.0.0.1 for Rackdesk's tests and CI.
#
# Starts, as root and without systemd (idempotent: re-running reuses what is already up):
#   * virtlogd and the monolithic libvirtd with a private config file: unix socket
#     (qemu:///system), qemu+tcp (auth none) and qemu+tls (mutual TLS, own CA made by certtool)
#   * a second sshd on 127.0.0.1:$SSH_PORT with its own host key and client key
#     (for qemu+ssh and qemu+libssh)
#   * the diskless 64 MiB TCG domain "rackdesk-lab-vm" with VNC + websocket on 127.0.0.1
# Everything the lab makes lives in $LAB_DIR; what it started is listed in $LAB_DIR/run/*.pid.
# At the end it writes $LAB_DIR/lab.env (KEY='value' lines) and prints it.
# Stop with stop-libvirt-lab.sh. See README.md next to this file.
#
# Settings (environment):
#   RACKDESK_LAB_DIR (or LAB_DIR)  state directory         default /tmp/rackdesk-lab/libvirt
#   RACKDESK_LAB_TCP_PORT          libvirtd qemu+tcp port  default 16509
#   RACKDESK_LAB_TLS_PORT          libvirtd qemu+tls port  default 16514
#   RACKDESK_LAB_SSH_PORT          lab sshd port           default 2222
#   RACKDESK_LAB_DOMAIN            domain name             default rackdesk-lab-vm
#   RACKDESK_LAB_VIRT_TYPE         qemu (TCG) or kvm       default qemu
#   RACKDESK_LAB_MEM_MIB           guest memory            default 64
#   RACKDESK_LAB_WAIT_S            max wait for libvirtd   default 240 (first start probes qemu)
#   RACKDESK_LAB_LOG_LEVEL         libvirtd log level 1-4  default 3 ($LAB_DIR/log/libvirtd.log)
set -euo pipefail

LAB_DIR=${RACKDESK_LAB_DIR:-${LAB_DIR:-/tmp/rackdesk-lab/libvirt}}
TCP_PORT=${RACKDESK_LAB_TCP_PORT:-16509}
TLS_PORT=${RACKDESK_LAB_TLS_PORT:-16514}
SSH_PORT=${RACKDESK_LAB_SSH_PORT:-2222}
DOMAIN=${RACKDESK_LAB_DOMAIN:-rackdesk-lab-vm}
VIRT_TYPE=${RACKDESK_LAB_VIRT_TYPE:-qemu}
MEM_MIB=${RACKDESK_LAB_MEM_MIB:-64}
WAIT_S=${RACKDESK_LAB_WAIT_S:-240}
LOG_LEVEL=${RACKDESK_LAB_LOG_LEVEL:-3}
# fixed UUID: "virsh define" of a same-named domain without one fails, and it marks the
# domain as the lab's own even when $LAB_DIR was lost
DOMAIN_UUID=8a3c5d7e-4b1f-4c2a-9e6d-7261636b6465

LAB_PKGS=(libvirt-daemon-system libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu
          qemu-system-x86 qemu-utils qemu-block-extra gnutls-bin openssh-server openssh-client procps)

T_START=$(date +%s%N)
log() { printf '[rackdesk-lab] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
since() {  # since T0_NS -> seconds with 2 decimals
  local d=$(( $(date +%s%N) - $1 ))
  printf '%d.%02d' $((d / 1000000000)) $((d / 10000000 % 100))
}
pid_alive() {  # pid_alive PID [COMM] -> running, not a zombie, and (if given) named COMM
  local p=$1 st comm
  [[ $p =~ ^[0-9]+$ ]] || return 1
  st=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) || return 1
  [[ -n $st && $st != Z ]] || return 1
  if [[ -n ${2:-} ]]; then
    comm=$(cat "/proc/$p/comm" 2>/dev/null) || return 1
    [[ $comm == "$2" ]] || return 1
  fi
}
alive() {  # alive PIDFILE [COMM]
  [[ -s $1 ]] || return 1
  pid_alive "$(cat "$1")" "${2:-}"
}
live_named() {  # pids of live (non-zombie) processes named exactly $1
  local p
  for p in $(pgrep -x "$1" || true); do
    if pid_alive "$p"; then echo "$p"; fi
  done
}
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

[[ $(id -u) == 0 ]] || die "run as root (libvirtd qemu:///system and sshd need it)"
[[ $LAB_DIR =~ ^/[A-Za-z0-9._/-]+$ && $LAB_DIR != / ]] \
  || die "RACKDESK_LAB_DIR must be an absolute path of [A-Za-z0-9._/-] (got '$LAB_DIR')"
for v in "$TCP_PORT" "$TLS_PORT" "$SSH_PORT" "$MEM_MIB" "$WAIT_S"; do
  [[ $v =~ ^[0-9]+$ ]] || die "not a number: '$v'"
done
[[ $DOMAIN =~ ^[A-Za-z0-9._-]+$ ]] || die "bad domain name '$DOMAIN'"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export LC_ALL=C

# ------------------------------------------------------------------ packages
pkg_installed() {
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true) == installed ]]
}
missing=()
for p in "${LAB_PKGS[@]}"; do pkg_installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  log "installing missing packages: ${missing[*]}"
  # wait for another apt/dpkg run (e.g. a parallel setup step) to finish
  waited_for=
  for _ in $(seq 1 300); do
    busy=
    for n in apt-get apt dpkg aptitude unattended-upgr; do
      if pgrep -x "$n" >/dev/null 2>&1; then busy=$n; fi
    done
    [[ -n $busy ]] || break
    [[ $busy == "$waited_for" ]] || log "waiting for a running $busy to finish"
    waited_for=$busy
    sleep 2
  done
  created_policy=
  cleanup_policy() { if [[ -n $created_policy ]]; then rm -f /usr/sbin/policy-rc.d; fi; }
  trap cleanup_policy EXIT
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    # exit 101 = "action forbidden": the packages must not start a system libvirtd/sshd
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef
            -o Dpkg::Options::=--force-confold)
  apt_log=$LAB_DIR/log/apt.log
  mkdir -p "$LAB_DIR/log"
  if ! { apt-get "${apt_opts[@]}" update -qq &&
         apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}"; } \
       </dev/null >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    die "package install failed; see $apt_log"
  fi
  cleanup_policy
  created_policy=
  trap - EXIT
  for p in "${missing[@]}"; do pkg_installed "$p" || die "package $p did not install"; done
  log "packages installed after $(since "$T_START") s"
fi
for c in libvirtd virtlogd virsh virt-ssh-helper qemu-system-x86_64 certtool sshd ssh ssh-keygen \
         taskset perl timeout; do
  command -v "$c" >/dev/null 2>&1 || die "command $c not found after package install"
done

mkdir -p "$LAB_DIR"/{run,log,pki/ca,pki/server,pki/client,ssh}
chmod 755 "$LAB_DIR"
chmod 700 "$LAB_DIR/pki" "$LAB_DIR/ssh"
RUN=$LAB_DIR/run
P=$LAB_DIR/pki
S=$LAB_DIR/ssh

# ------------------------------------------------------------------ /dev/kvm
# Without udev, /dev/kvm is 0600 root. libvirt then finds KVM "not usable by the qemu user",
# throws its qemu capability cache away and re-probes qemu on every domain start (+4 s).
# The usual udev mode (0660 root:kvm) avoids that, even for TCG domains.
if [[ -c /dev/kvm ]] && getent group kvm >/dev/null; then
  if ! { chgrp kvm /dev/kvm && chmod 0660 /dev/kvm; }; then log "warning: could not chmod /dev/kvm"; fi
fi

# ------------------------------------------------------------------ TLS certificates
if [[ ! -s $P/client/clientcert.pem || ! -s $P/server/servercert.pem ]]; then
  log "generating CA, server and client certificates (certtool)"
  # certtool prompts for every field unless it gets a --template: always give one
  cat > "$P/ca/ca.info" <<'EOF'
cn = "Rackdesk lab CA"
ca
cert_signing_key
expiration_days = 3650
EOF
  cat > "$P/server/server.info" <<'EOF'
organization = "Rackdesk lab"
cn = "127.0.0.1"
dns_name = "localhost"
ip_address = "127.0.0.1"
tls_www_server
encryption_key
signing_key
expiration_days = 3650
EOF
  cat > "$P/client/client.info" <<'EOF'
country = "XX"
organization = "Rackdesk lab"
cn = "rackdesk-lab-client"
tls_www_client
encryption_key
signing_key
expiration_days = 3650
EOF
  certtool --generate-privkey --outfile "$P/ca/cakey.pem" 2>/dev/null
  certtool --generate-self-signed --load-privkey "$P/ca/cakey.pem" \
           --template "$P/ca/ca.info" --outfile "$P/ca/cacert.pem" 2>/dev/null
  for who in server client; do
    certtool --generate-privkey --outfile "$P/$who/${who}key.pem" 2>/dev/null
    certtool --generate-certificate --load-privkey "$P/$who/${who}key.pem" \
             --load-ca-certificate "$P/ca/cacert.pem" --load-ca-privkey "$P/ca/cakey.pem" \
             --template "$P/$who/$who.info" --outfile "$P/$who/${who}cert.pem" 2>/dev/null
    cp "$P/ca/cacert.pem" "$P/$who/cacert.pem"
  done
  rm -f "$P"/*/*.info
  chmod 600 "$P"/*/*key.pem
fi

# ------------------------------------------------------------------ configs
# A config that differs from the one a running daemon was started with means other
# settings (ports) were asked for: refuse rather than print URIs that do not work.
install_config() {  # install_config FILE PIDFILE COMM  (new content on stdin)
  local f=$1 new
  new=$(cat)
  if alive "$2" "$3" && [[ -f $f && $(cat "$f") != "$new" ]]; then
    die "the running lab $3 uses other settings than asked for ($f); run stop-libvirt-lab.sh first"
  fi
  printf '%s\n' "$new" > "$f"
}

install_config "$LAB_DIR/libvirtd.conf" "$RUN/libvirtd.pid" libvirtd <<EOF
# generated by start-libvirt-lab.sh; used via libvirtd -f (the system config is untouched)
listen_tls = 1
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "$TCP_PORT"
tls_port = "$TLS_PORT"
auth_tcp = "none"
auth_tls = "none"
key_file = "$P/server/serverkey.pem"
cert_file = "$P/server/servercert.pem"
ca_file = "$P/server/cacert.pem"
log_outputs = "$LOG_LEVEL:file:$LAB_DIR/log/libvirtd.log"
EOF

install_config "$S/sshd_config" "$RUN/sshd.pid" sshd <<EOF
# generated by start-libvirt-lab.sh
ListenAddress 127.0.0.1
Port $SSH_PORT
HostKey $S/host_ed25519
PidFile $RUN/sshd.pid
AuthorizedKeysFile $S/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
X11Forwarding no
AllowTcpForwarding no
PrintMotd no
LogLevel ERROR
EOF

# ssh keys: server host key, client key, and an unrelated key for the "wrong host key" file
keypair() {  # keypair FILE COMMENT
  if [[ ! -s $1 || ! -s $1.pub ]]; then
    rm -f "$1" "$1.pub"
    ssh-keygen -q -t ed25519 -N '' -C "$2" -f "$1" </dev/null
  fi
}
keypair "$S/host_ed25519" rackdesk-lab-host
keypair "$S/id_ed25519" rackdesk-lab-client
keypair "$S/wrong_host_ed25519" rackdesk-lab-unrelated-host
cp "$S/id_ed25519.pub" "$S/authorized_keys"
chmod 600 "$S/authorized_keys"
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$S/host_ed25519.pub")" > "$S/known_hosts"
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$S/wrong_host_ed25519.pub")" \
  > "$S/known_hosts.wrong"
: > "$S/known_hosts.empty"
chmod 644 "$S"/known_hosts "$S"/known_hosts.wrong "$S"/known_hosts.empty

# libvirt 9.0's plain "ssh" transport ignores known_hosts= (it only passes -p/-l/-i/-T and,
# with no_verify=1, StrictHostKeyChecking=no to the ssh binary). Its command= parameter names
# the ssh binary, so these wrappers make ssh check the host key against one of the lab's files
# only, never read or write ~/.ssh/known_hosts, and ignore ~/.ssh/config.
ssh_wrapper() {  # ssh_wrapper WRAPPER KNOWN_HOSTS
  cat > "$1" <<EOF
#!/bin/sh
# generated by start-libvirt-lab.sh: ssh for libvirt's qemu+ssh command= URI parameter
exec /usr/bin/ssh -F none -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$2 \\
  -o GlobalKnownHostsFile=/dev/null -o UpdateHostKeys=no -o IdentitiesOnly=yes "\$@"
EOF
  chmod 755 "$1"
}
ssh_wrapper "$S/ssh-verify" "$S/known_hosts"
ssh_wrapper "$S/ssh-verify-wrong" "$S/known_hosts.wrong"
ssh_wrapper "$S/ssh-verify-empty" "$S/known_hosts.empty"

# ------------------------------------------------------------------ virtlogd + libvirtd
# PID 1 on these machines reaps orphans only every ~1.5 s. libvirtd double-forks qemu and
# waits until the qemu pid is really gone, so each destroy took ~1.6 s; and the daemons
# themselves stayed as <defunct> entries (seen by pgrep) for a while after a stop. Each daemon
# therefore runs under its own child-subreaper that reaps at once (destroy takes ~0.25 s).
# perl comes with perl-base. The reaper exits when no descendant is left.
reap_run() {  # reap_run NAME CMD ARGS...  -> $RUN/reaper-NAME.pid
  local name=$1 nr
  shift
  case $(uname -m) in
    x86_64) nr=157 ;; aarch64) nr=167 ;;
    *) "$@" </dev/null >>"$LAB_DIR/log/reaper-$name.log" 2>&1; return ;;
  esac
  # shellcheck disable=SC2016  # perl code, not shell
  setsid perl -e 'syscall('"$nr"', 36, 1, 0, 0, 0) == 0
      or die "prctl(PR_SET_CHILD_SUBREAPER): $!\n";
    defined(my $pid = fork) or die "fork: $!\n";
    if (!$pid) { exec @ARGV or die "exec $ARGV[0]: $!\n" }
    1 while waitpid(-1, 0) > 0;' "$@" </dev/null >>"$LAB_DIR/log/reaper-$name.log" 2>&1 &
  echo $! > "$RUN/reaper-$name.pid"
}

if ! alive "$RUN/virtlogd.pid" virtlogd; then
  rm -f "$RUN/virtlogd.pid"
  if [[ -n $(live_named virtlogd) ]]; then
    log "a virtlogd not started by this script is running; libvirtd will use it"
  else
    reap_run virtlogd virtlogd -d -p "$RUN/virtlogd.pid"
    for _ in $(seq 1 50); do alive "$RUN/virtlogd.pid" virtlogd && break; sleep 0.1; done
    alive "$RUN/virtlogd.pid" virtlogd || die "virtlogd did not start"
  fi
fi

t0=$(date +%s%N)
if ! alive "$RUN/libvirtd.pid" libvirtd; then
  other=$(live_named libvirtd | tr '\n' ' ')
  [[ -z ${other// /} ]] \
    || die "a libvirtd not started by this script for $LAB_DIR is running (pid ${other% }); stop it first"
  for port in "$TCP_PORT" "$TLS_PORT"; do
    if port_open "$port"; then die "port 127.0.0.1:$port is already in use"; fi
  done
  rm -f "$RUN/libvirtd.pid"
  # libvirt 9.0 compares the raw host CPUID (APIC id included) with its qemu capability
  # cache, and the vCPUs differ only in APIC id: a daemon started on another CPU re-probes
  # qemu (+1.5 s, "host cpuid changed"). Pin the daemon to the first allowed CPU; libvirt
  # still gives qemu every host CPU.
  pin=()
  cpu=$(taskset -cp $$ 2>/dev/null | sed -n 's/.*: *\([0-9]*\).*/\1/p')
  if [[ -n $cpu ]] && taskset -c "$cpu" true 2>/dev/null; then pin=(taskset -c "$cpu"); fi
  log "starting libvirtd (the first start on a fresh machine probes qemu: up to a few minutes)"
  reap_run libvirtd "${pin[@]}" libvirtd -d -l -f "$LAB_DIR/libvirtd.conf" -p "$RUN/libvirtd.pid"
fi
ok=
for _ in $(seq 1 $((WAIT_S * 5))); do
  if alive "$RUN/libvirtd.pid" libvirtd &&
     virsh -q -c qemu:///system version </dev/null >/dev/null 2>&1; then ok=1; break; fi
  # libvirtd -d exits early on a config/listen error: then the reaper is gone too
  alive "$RUN/libvirtd.pid" libvirtd || alive "$RUN/reaper-libvirtd.pid" perl || break
  sleep 0.2
done
if [[ -z $ok ]]; then
  tail -n 20 "$LAB_DIR/log/libvirtd.log" "$LAB_DIR/log/reaper-libvirtd.log" >&2 2>/dev/null || true
  die "libvirtd did not come up within ${WAIT_S} s; see $LAB_DIR/log/libvirtd.log"
fi
log "libvirtd ready after $(since "$t0") s"

# ------------------------------------------------------------------ sshd
# Local forwarding (direct-tcpip) to the host's loopback only: Rackdesk's SSH tunnel to a VNC console
# that listens on 127.0.0.1 (app/ssh/SshTunnels). Given as -o options rather than in sshd_config, so
# that a lab started by an older copy of this script (same sshd_config) is not refused as "other
# settings"; such an sshd (no forwarding) is restarted once. Its ssh sessions outlive the listener.
SSHD_FORWARDING=(-o AllowTcpForwarding=local -o "PermitOpen=127.0.0.1:* localhost:* [::1]:*")
if alive "$RUN/sshd.pid" sshd && ! grep -qa 'AllowTcpForwarding=local' "/proc/$(cat "$RUN/sshd.pid")/cmdline"; then
  log "restarting the lab sshd with local forwarding (for the VNC SSH tunnel)"
  old_sshd=$(cat "$RUN/sshd.pid")
  kill -TERM "$old_sshd"
  for _ in $(seq 1 50); do pid_alive "$old_sshd" sshd || break; sleep 0.1; done
  pid_alive "$old_sshd" sshd && die "the lab sshd ($old_sshd) did not stop"
  rm -f "$RUN/sshd.pid"
fi
if ! alive "$RUN/sshd.pid" sshd; then
  rm -f "$RUN/sshd.pid"
  if port_open "$SSH_PORT"; then die "port 127.0.0.1:$SSH_PORT is already in use"; fi
  mkdir -p /run/sshd
  chmod 755 /run/sshd
  /usr/sbin/sshd -t -f "$S/sshd_config" "${SSHD_FORWARDING[@]}"
  reap_run sshd /usr/sbin/sshd -f "$S/sshd_config" "${SSHD_FORWARDING[@]}" -E "$LAB_DIR/log/sshd.log"
  for _ in $(seq 1 50); do alive "$RUN/sshd.pid" sshd && break; sleep 0.1; done
  alive "$RUN/sshd.pid" sshd || die "sshd did not start; see $LAB_DIR/log/sshd.log"
fi

# ------------------------------------------------------------------ the domain
cat > "$LAB_DIR/$DOMAIN.xml" <<EOF
<domain type='$VIRT_TYPE'>
  <name>$DOMAIN</name>
  <uuid>$DOMAIN_UUID</uuid>
  <description>Rackdesk test lab domain (scripts/lab/start-libvirt-lab.sh)</description>
  <memory unit='MiB'>$MEM_MIB</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <boot dev='hd'/>
    <!-- sgabios copies the BIOS screen to the serial console. No rebootTimeout: qemu 7.2
         leaks memory and CPU on every guest reset, so the guest boots once and stays at
         "No bootable device". -->
    <bios useserial='yes'/>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <graphics type='vnc' port='-1' autoport='yes' websocket='-1' listen='127.0.0.1'/>
    <video><model type='vga'/></video>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
V=(virsh -q -c qemu:///system)
if ! existing_uuid=$("${V[@]}" domuuid "$DOMAIN" </dev/null 2>/dev/null); then
  "${V[@]}" define "$LAB_DIR/$DOMAIN.xml" </dev/null >/dev/null
  echo "$DOMAIN" > "$RUN/defined-domains"
  log "defined domain $DOMAIN"
elif [[ $(echo "$existing_uuid" | tr -d '[:space:]') == "$DOMAIN_UUID" ]]; then
  echo "$DOMAIN" > "$RUN/defined-domains"   # ours (same fixed UUID), maybe from a lost LAB_DIR
  if [[ $("${V[@]}" domstate "$DOMAIN" </dev/null) != running ]]; then
    "${V[@]}" define "$LAB_DIR/$DOMAIN.xml" </dev/null >/dev/null   # refresh the config
  fi
else
  die "a domain named $DOMAIN with another UUID exists (not made by this script)"
fi
if [[ $("${V[@]}" domstate "$DOMAIN" </dev/null) != running ]]; then
  t0=$(date +%s%N)
  "${V[@]}" start "$DOMAIN" </dev/null >/dev/null
  log "domain $DOMAIN started in $(since "$t0") s"
fi
qpid=$(cat "/run/libvirt/qemu/$DOMAIN.pid" 2>/dev/null || true)
if pid_alive "$qpid"; then echo "$qpid" > "$RUN/qemu-$DOMAIN.pid"; fi

gfx=$("${V[@]}" dumpxml "$DOMAIN" </dev/null | grep "<graphics type='vnc'" | head -n 1)
VNC_PORT=$(sed -n "s/.* port='\([0-9]*\)'.*/\1/p" <<<"$gfx")
WS_PORT=$(sed -n "s/.* websocket='\([0-9]*\)'.*/\1/p" <<<"$gfx")
[[ -n $VNC_PORT && -n $WS_PORT ]] || die "no VNC/websocket port in the live XML: $gfx"
banner=
for _ in $(seq 1 100); do
  banner=$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$VNC_PORT; head -c 12 <&3" \
             2>/dev/null | tr -d '\n' || true)
  [[ $banner == RFB* ]] && break
  sleep 0.1
done
[[ $banner == RFB* ]] || die "no RFB banner on 127.0.0.1:$VNC_PORT"

# ------------------------------------------------------------------ lab.env
q() { printf "%s='%s'\n" "$1" "$2"; }   # single quotes: the URIs contain '&'
{
  echo "# generated by start-libvirt-lab.sh; removed by stop-libvirt-lab.sh"
  q RACKDESK_LAB_DIR "$LAB_DIR"
  q RACKDESK_LAB_DOMAIN "$DOMAIN"
  q RACKDESK_LAB_URI_LOCAL "qemu:///system"
  q RACKDESK_LAB_URI_TCP "qemu+tcp://127.0.0.1:$TCP_PORT/system"
  q RACKDESK_LAB_URI_TLS "qemu+tls://127.0.0.1:$TLS_PORT/system?pkipath=$P/client"
  q RACKDESK_LAB_URI_SSH "qemu+ssh://root@127.0.0.1:$SSH_PORT/system?keyfile=$S/id_ed25519&command=$S/ssh-verify&no_tty=1"
  q RACKDESK_LAB_URI_LIBSSH "qemu+libssh://root@127.0.0.1:$SSH_PORT/system?keyfile=$S/id_ed25519&known_hosts=$S/known_hosts&sshauth=privkey&no_tty=1"
  q RACKDESK_LAB_SSH_KEY "$S/id_ed25519"
  q RACKDESK_LAB_SSH_KNOWN_HOSTS "$S/known_hosts"
  q RACKDESK_LAB_SSH_KNOWN_HOSTS_WRONG "$S/known_hosts.wrong"
  q RACKDESK_LAB_SSH_KNOWN_HOSTS_EMPTY "$S/known_hosts.empty"
  q RACKDESK_LAB_SSH_COMMAND "$S/ssh-verify"
  q RACKDESK_LAB_SSH_PORT "$SSH_PORT"
  q RACKDESK_LAB_TCP_PORT "$TCP_PORT"
  q RACKDESK_LAB_TLS_PORT "$TLS_PORT"
  q RACKDESK_LAB_PKI_CLIENT "$P/client"
  q RACKDESK_LAB_VNC "127.0.0.1:$VNC_PORT"
  q RACKDESK_LAB_VNC_WEBSOCKET "127.0.0.1:$WS_PORT"
} > "$LAB_DIR/lab.env.tmp"
chmod 644 "$LAB_DIR/lab.env.tmp"
mv -f "$LAB_DIR/lab.env.tmp" "$LAB_DIR/lab.env"

pids=
for f in "$RUN"/*.pid; do
  [[ -s $f ]] && pids+=" $(basename "$f" .pid)=$(cat "$f")"
done
log "lab up in $(since "$T_START") s;$pids"
log "env file: $LAB_DIR/lab.env"
cat "$LAB_DIR/lab.env"
