#!/usr/bin/env bash
# scripts/samba-ad.sh - a private Samba Active Directory domain controller on 127.0.0.1, with
# LDAPS under a test CA of its own, for ticketworker's integration tests of the
# `active_directory` account store.
#
#   scripts/samba-ad.sh start   install Samba's AD DC packages if missing, provision the domain
#                               once, start; prints `export` lines
#   scripts/samba-ad.sh env     print the `export` lines of the running DC (exit 1 if not running)
#   scripts/samba-ad.sh stop    stop the samba this script started (its process tree only)
#   scripts/samba-ad.sh purge   stop and delete the state directory (the next start provisions)
#
# Typical use:  eval "$(scripts/samba-ad.sh start)"
# stdout carries only the export lines; progress goes to stderr.  Every step is idempotent.
#
# Runs as root.  The DC listens on loopback only (88, 135, 139, 389, 445, 464, 636, 3268, 3269
# and a few RPC ports; no DNS), so it coexists with scripts/slapd.sh (3890) but not with another
# server on 389/636.  Its smb.conf, databases, pid files, sockets and logs are all under the
# state directory; nothing under /etc/samba is used.  Provisioning takes ~6 s, a warm start ~1 s.
#
# Environment (all optional):
#   TW_AD_STATE_DIR   everything of this DC            (default /var/lib/ticketworker-samba-ad)
#   TW_AD_REALM       Kerberos realm / DNS domain      (default AD.DISTRICT.EXAMPLE)
#   TW_AD_DOMAIN      NetBIOS domain                   (default DISTRICT)
#   TW_AD_WAIT        seconds to wait for LDAPS        (default 120)
set -euo pipefail
# shellcheck source=scripts/apt-no-start.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-no-start.sh"

HOST=127.0.0.1
STATE="${TW_AD_STATE_DIR:-/var/lib/ticketworker-samba-ad}"
REALM="${TW_AD_REALM:-AD.DISTRICT.EXAMPLE}"
DOMAIN="${TW_AD_DOMAIN:-DISTRICT}"
WAIT="${TW_AD_WAIT:-120}"
DC_NAME=twdc

realm_lower=$(printf '%s' "$REALM" | tr 'A-Z' 'a-z')
BASE_DN="DC=${realm_lower//./,DC=}"
ADMIN_DN="CN=Administrator,CN=Users,$BASE_DN"
STUDENTS_OU="OU=Students,$BASE_DN"
URL="ldaps://$HOST:636"
DC_DIR="$STATE/dc"
SMB_CONF="$DC_DIR/etc/smb.conf"
RUN_DIR="$STATE/run"
LOG_DIR="$STATE/log"
TLS_DIR="$STATE/tls"
CA_FILE="$TLS_DIR/ca.pem"
PIDFILE="$RUN_DIR/samba.pid"
ADMIN_PW_FILE="$STATE/admin.pw"
READY="$STATE/provisioned"
ENV_FILE="$STATE/env.sh"
PORTS="88 135 139 389 445 464 636 3268 3269"
PACKAGES=(samba samba-ad-dc samba-ad-provision samba-dsdb-modules python3-samba samba-common-bin
    ldb-tools ldap-utils openssl)

say() { printf '[samba-ad.sh] %s\n' "$*" >&2; }
die() { printf '[samba-ad.sh] ERROR: %s\n' "$*" >&2; exit 1; }
quote() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }

check_inputs() {
    [ "$(id -u)" = 0 ] || die "must run as root (installs packages, provisions a domain)"
    [[ "$STATE" =~ ^/[A-Za-z0-9._/-]+$ ]] || die "TW_AD_STATE_DIR must be an absolute plain path"
    [[ "$REALM" =~ ^[A-Z0-9-]+(\.[A-Z0-9-]+)+$ ]] || die "TW_AD_REALM must look like AD.DISTRICT.EXAMPLE"
    [[ "$DOMAIN" =~ ^[A-Z0-9-]{1,15}$ ]] || die "TW_AD_DOMAIN must be 1-15 capitals/digits"
    [[ "$WAIT" =~ ^[0-9]+$ ]] || die "bad TW_AD_WAIT '$WAIT'"
}

# ------------------------------------------------------------------------------ install
install_packages() {
    [ -x /usr/sbin/samba ] && command -v samba-tool >/dev/null && [ -d /usr/share/samba/setup ] \
        && command -v ldapsearch >/dev/null && command -v openssl >/dev/null && return 0
    say "installing ${PACKAGES[*]} (no service start)"
    apt_install_no_start "${PACKAGES[@]}"
}

# ------------------------------------------------------------------------------ process helpers
# The pid of the samba master this script started, if it is still that process.
our_pid() {
    [ -s "$PIDFILE" ] || return 1
    local pid
    pid=$(<"$PIDFILE")
    [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = samba ] || return 1
    # Samba rewrites its command line ("samba: root process"); the log file it holds open
    # under our state directory tells this DC from any other samba.
    find "/proc/$pid/fd" -lname "$LOG_DIR/*" 2>/dev/null | grep -q . || return 1
    echo "$pid"
}

ldap_tls() { LDAPTLS_CACERT="$CA_FILE" LDAPTLS_REQCERT=demand "$@"; }
answers() {
    ldap_tls ldapsearch -x -LLL -o nettimeout=3 -H "$URL" -b "" -s base defaultNamingContext \
        >/dev/null 2>&1
}

# Every descendant of a pid (the master forks service masters, which fork workers).
descendants() {
    local child
    for child in $(pgrep -P "$1" 2>/dev/null || true); do
        echo "$child"
        descendants "$child"
    done
}

stop_server() {
    local pid tree left
    if ! pid=$(our_pid); then
        rm -f "$PIDFILE"
        say "no samba of ours is running"
        return 0
    fi
    # The tree is recorded first so that only processes of this DC are ever signalled.
    tree=$(descendants "$pid" | tr '\n' ' ')
    say "stopping samba (pid $pid and $(wc -w <<<"$tree") descendants)"
    kill -TERM "$pid"
    for _ in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    for _ in $(seq 1 50); do
        left=""
        for child in $tree; do kill -0 "$child" 2>/dev/null && left="$left $child"; done
        [ -z "$left" ] && break
        sleep 0.1
    done
    for child in $left; do kill -TERM "$child" 2>/dev/null || true; done
    rm -f "$PIDFILE"
}

# ------------------------------------------------------------------------------ provision once
make_tls() {
    # A CA of this DC's own and a server certificate naming 127.0.0.1 and localhost, so clients
    # verify with TW_AD_CA_FILE (Samba's self-made certificate names only the DC's FQDN).
    local fqdn="$DC_NAME.$realm_lower"
    mkdir -p "$TLS_DIR"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=ticketworker test CA $REALM" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout "$TLS_DIR/ca.key" -out "$CA_FILE" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$fqdn" \
        -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n' \
        "$fqdn" >"$TLS_DIR/server.ext"
    openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$CA_FILE" -CAkey "$TLS_DIR/ca.key" \
        -CAcreateserial -days 3650 -extfile "$TLS_DIR/server.ext" -out "$TLS_DIR/cert.pem" 2>/dev/null
    chmod 600 "$TLS_DIR/key.pem" "$TLS_DIR/ca.key"
    chmod 644 "$CA_FILE" "$TLS_DIR/cert.pem"
}

provision() {
    [ -f "$READY" ] && return 0
    say "provisioning realm $REALM (domain $DOMAIN) in $DC_DIR"
    rm -rf "$DC_DIR" "$RUN_DIR" "$LOG_DIR" "$TLS_DIR"
    mkdir -p "$DC_DIR" "$RUN_DIR" "$LOG_DIR"
    chmod 700 "$STATE"
    # Upper, lower, digit and symbol: the domain's complexity rule applies to it too.
    [ -s "$ADMIN_PW_FILE" ] \
        || printf 'Tw-%s-9a' "$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 20 || true)" >"$ADMIN_PW_FILE"
    chmod 600 "$ADMIN_PW_FILE"
    make_tls
    # An empty base config: samba-tool would otherwise copy /etc/samba/smb.conf's globals
    # (homes, printers, "unix password sync") into the DC's configuration.
    : >"$STATE/empty.conf"
    # ldb:nosync: no fsync of the directory's databases (as Samba's own test suite runs); a
    # crash may lose the last writes, which a test DC can afford, and writes get much faster.
    samba-tool domain provision -s "$STATE/empty.conf" \
        --server-role=dc --use-rfc2307 --dns-backend=NONE \
        --realm="$REALM" --domain="$DOMAIN" --host-name="$DC_NAME" --host-ip="$HOST" \
        --adminpass="$(<"$ADMIN_PW_FILE")" --targetdir="$DC_DIR" \
        --option="interfaces = lo" --option="bind interfaces only = yes" \
        --option="pid directory = $RUN_DIR" --option="ncalrpc dir = $RUN_DIR/ncalrpc" \
        --option="winbindd socket directory = $RUN_DIR/winbindd" \
        --option="log file = $LOG_DIR/samba.log" \
        --option="tls enabled = yes" --option="tls keyfile = $TLS_DIR/key.pem" \
        --option="tls certfile = $TLS_DIR/cert.pem" --option="tls cafile = $CA_FILE" \
        --option="ldb:nosync = true" \
        >"$LOG_DIR/provision.log" 2>&1 \
        || { tail -20 "$LOG_DIR/provision.log" >&2; die "samba-tool domain provision failed"; }
    touch "$READY"
}

ensure_students_ou() {
    local status=0
    printf 'dn: %s\nobjectClass: organizationalUnit\nou: Students\n' "$STUDENTS_OU" \
        | ldap_tls ldapadd -x -H "$URL" -D "$ADMIN_DN" -y "$ADMIN_PW_FILE" >/dev/null 2>&1 \
        || status=$?
    case "$status" in
        0) say "created $STUDENTS_OU" ;;
        68) ;;  # already there
        *) die "could not create $STUDENTS_OU (ldapadd exit $status)" ;;
    esac
}

start_server() {
    if our_pid >/dev/null && answers; then
        say "already running (pid $(our_pid)) at $URL"
        return 0
    fi
    local port busy=""
    for port in $PORTS; do
        (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null && busy="$busy $port"
    done
    [ -z "$busy" ] || die "port(s)$busy on $HOST already in use; an AD DC needs $PORTS"
    mkdir -p "$RUN_DIR"
    rm -f "$PIDFILE"
    say "starting samba (AD DC)"
    (cd / && /usr/sbin/samba -D -s "$SMB_CONF" >&2)
    local deadline=$((SECONDS + WAIT))
    while ((SECONDS < deadline)); do
        if answers; then
            say "LDAPS ready at $URL (pid $(our_pid || echo '?'))"
            return 0
        fi
        if [ -s "$PIDFILE" ] && ! our_pid >/dev/null; then
            tail -20 "$LOG_DIR/samba.log" >&2 || true
            die "samba exited while starting (log: $LOG_DIR/samba.log)"
        fi
        sleep 0.3
    done
    die "LDAPS did not answer at $URL within $WAIT s (log: $LOG_DIR/samba.log)"
}

write_env() {
    {
        printf 'export TW_AD_URL=%s\n' "$(quote "$URL")"
        printf 'export TW_AD_BASE_DN=%s\n' "$(quote "$BASE_DN")"
        printf 'export TW_AD_STUDENTS_OU=%s\n' "$(quote "$STUDENTS_OU")"
        printf 'export TW_AD_BIND_DN=%s\n' "$(quote "$ADMIN_DN")"
        printf 'export TW_AD_BIND_PASSWORD=%s\n' "$(quote "$(<"$ADMIN_PW_FILE")")"
        printf 'export TW_AD_CA_FILE=%s\n' "$(quote "$CA_FILE")"
        printf 'export TW_AD_SMB_CONF=%s\n' "$(quote "$SMB_CONF")"
    } >"$ENV_FILE.tmp"
    chmod 600 "$ENV_FILE.tmp"
    mv "$ENV_FILE.tmp" "$ENV_FILE"
}

cmd_start() {
    check_inputs
    install_packages
    mkdir -p "$STATE"
    provision
    start_server
    ensure_students_ou
    write_env
    cat "$ENV_FILE"
}

cmd_env() {
    our_pid >/dev/null && answers && [ -s "$ENV_FILE" ] || { say "not running"; exit 1; }
    cat "$ENV_FILE"
}

case "${1:-}" in
    start) cmd_start ;;
    env) cmd_env ;;
    stop) check_inputs && stop_server ;;
    purge) check_inputs && stop_server && rm -rf "$STATE" && say "deleted $STATE" ;;
    *) echo "usage: $0 start|env|stop|purge" >&2; exit 2 ;;
esac
