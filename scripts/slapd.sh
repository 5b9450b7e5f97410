#!/usr/bin/env bash
# scripts/slapd.sh - a private OpenLDAP (slapd, ppolicy overlay, the portal schema) on 127.0.0.1
# for ticketworker's integration tests and for trying the `ldap` account store.
#
#   scripts/slapd.sh start   install slapd if missing, initialise once, start; prints `export` lines
#   scripts/slapd.sh env     print the `export` lines of the running instance (exit 1 if not running)
#   scripts/slapd.sh stop    stop the slapd this script started, and nothing else
#   scripts/slapd.sh purge   stop and delete the state directory (the next start initialises anew)
#
# Typical use:  eval "$(scripts/slapd.sh start)"
# stdout carries only the export lines; progress goes to stderr.  Every step is idempotent.
#
# Runs as root (apt-get; slapd drops to the openldap user).  The instance has its own cn=config,
# database, pid file, ldapi socket and port, so it never touches a system slapd (Debian's
# package is installed with no configuration and no service start).
#
# The directory it builds: <base> with ou=students (the accounts), ou=services (the worker's
# bind account cn=ticketworker, which has only the rights the README lists) and ou=policies
# (the default password policy: a password set by anyone but its owner must be changed).
#
# Environment (all optional):
#   TW_SLAPD_PORT        port on 127.0.0.1                   (default 3890)
#   TW_SLAPD_STATE_DIR   config, data, pid, passwords, env   (default /var/lib/ticketworker-slapd)
#   TW_SLAPD_BASE_DN     the directory's suffix              (default dc=district,dc=example)
#   TW_SLAPD_NOSYNC      1: no fsync per write (test speed; a crash may lose the last writes,
#                        as with Samba's ldb:nosync); 0: durable writes.  Read at initialisation
#                        (default 1)
set -euo pipefail
# shellcheck source=scripts/apt-no-start.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-no-start.sh"

HOST=127.0.0.1
PORT="${TW_SLAPD_PORT:-3890}"
STATE="${TW_SLAPD_STATE_DIR:-/var/lib/ticketworker-slapd}"
BASE_DN="${TW_SLAPD_BASE_DN:-dc=district,dc=example}"
NOSYNC="${TW_SLAPD_NOSYNC:-1}"
SCHEMA_LDIF="$(cd "$(dirname "$0")/.." && pwd)/connectors/accounts/schema/ticketworker-portal.ldif"

ADMIN_DN="cn=admin,$BASE_DN"
WORKER_DN="cn=ticketworker,ou=services,$BASE_DN"
CONF_DIR="$STATE/slapd.d"
DATA_DIR="$STATE/data"
RUN_DIR="$STATE/run"
PIDFILE="$RUN_DIR/slapd.pid"
SOCKET="$RUN_DIR/ldapi"
ADMIN_PW_FILE="$STATE/admin.pw"
WORKER_PW_FILE="$STATE/worker.pw"
READY="$STATE/initialised"
ENV_FILE="$STATE/env.sh"
URL="ldap://$HOST:$PORT"
LDAPI_URL="ldapi://${SOCKET//\//%2F}"
PACKAGES=(slapd ldap-utils)

say() { printf '[slapd.sh] %s\n' "$*" >&2; }
die() { printf '[slapd.sh] ERROR: %s\n' "$*" >&2; exit 1; }
quote() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }

check_inputs() {
    [ "$(id -u)" = 0 ] || die "must run as root (installs packages, runs slapd as openldap)"
    [[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT >= 1 && PORT <= 65535)) || die "bad TW_SLAPD_PORT '$PORT'"
    [[ "$STATE" =~ ^/[A-Za-z0-9._/-]+$ ]] || die "TW_SLAPD_STATE_DIR must be an absolute plain path"
    [[ "$BASE_DN" =~ ^dc=[a-z0-9-]+(,dc=[a-z0-9-]+)*$ ]] \
        || die "TW_SLAPD_BASE_DN must look like dc=district,dc=example"
    [ -r "$SCHEMA_LDIF" ] || die "portal schema missing: $SCHEMA_LDIF"
    [[ "$NOSYNC" =~ ^[01]$ ]] || die "TW_SLAPD_NOSYNC must be 0 or 1"
}

# ------------------------------------------------------------------------------ install
install_packages() {
    [ -x /usr/sbin/slapd ] && command -v ldapsearch >/dev/null && command -v slappasswd >/dev/null \
        && return 0
    say "installing ${PACKAGES[*]} (no system database, no service start)"
    export DEBIAN_FRONTEND=noninteractive
    # No /etc/ldap/slapd.d and no system database: this script runs its own instance.
    echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections
    # Debian's postinst would start the system slapd; policy-rc.d exit 101 forbids it.
    apt_install_no_start "${PACKAGES[@]}"
}

# ------------------------------------------------------------------------------ process helpers
# The pid of the slapd this script started, if it is still that process.
our_pid() {
    [ -s "$PIDFILE" ] || return 1
    local pid
    pid=$(<"$PIDFILE")
    [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] || return 1
    # The config directory on the command line tells our slapd from any other one.
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "-F $CONF_DIR" || return 1
    echo "$pid"
}

answers() { ldapsearch -x -LLL -o nettimeout=2 -H "$URL" -b "" -s base namingContexts >/dev/null 2>&1; }
port_taken() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

stop_server() {
    local pid
    if ! pid=$(our_pid); then
        rm -f "$PIDFILE"
        say "no slapd of ours is running"
        return 0
    fi
    say "stopping slapd (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; return 0; }
        sleep 0.1
    done
    say "slapd (pid $pid) still running after 10 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PIDFILE"
}

# ------------------------------------------------------------------------------ initialise once
new_password() { tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24 || true; }

initialise() {
    [ -f "$READY" ] && return 0
    say "initialising a new directory in $STATE"
    rm -rf "$CONF_DIR" "$DATA_DIR" "$RUN_DIR"
    mkdir -p "$CONF_DIR" "$DATA_DIR" "$RUN_DIR"
    [ -s "$ADMIN_PW_FILE" ] || new_password >"$ADMIN_PW_FILE"
    [ -s "$WORKER_PW_FILE" ] || new_password >"$WORKER_PW_FILE"
    chmod 600 "$ADMIN_PW_FILE" "$WORKER_PW_FILE"
    local admin_hash worker_hash org nosync=FALSE
    [ "$NOSYNC" = 1 ] && nosync=TRUE
    admin_hash=$(slappasswd -h '{SSHA}' -T "$ADMIN_PW_FILE")
    worker_hash=$(slappasswd -h '{SSHA}' -T "$WORKER_PW_FILE")
    org=${BASE_DN#dc=}; org=${org%%,*}

    # cn=config built offline (slapadd -n0): modules, schemas (with the portal's), one mdb
    # database with the ppolicy overlay.  The ACLs give the worker exactly what it needs: write
    # on the student subtree (entries, names, portal attributes, the password by exop), manage
    # there for ppolicy's operational pwdAccountLockedTime, and nothing elsewhere.
    cat >"$STATE/config.ldif" <<EOF
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $PIDFILE
olcArgsFile: $RUN_DIR/slapd.args
olcLogLevel: none

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: {0}back_mdb
olcModuleLoad: {1}ppolicy

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/nis.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif
include: file://$SCHEMA_LDIF

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcPasswordHash: {SSHA}

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by dn.exact=gidNumber=0+uidNumber=0,cn=peercred,cn=external,cn=auth manage by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: $BASE_DN
olcRootDN: $ADMIN_DN
olcRootPW: $admin_hash
olcDbDirectory: $DATA_DIR
olcDbMaxSize: 4294967296
olcDbNoSync: $nosync
olcDbIndex: objectClass eq
olcDbIndex: uid,cn,employeeNumber eq,sub
olcSizeLimit: size.soft=500 size.hard=unlimited size.prtotal=unlimited
olcAccess: {0}to dn.subtree="ou=students,$BASE_DN" attrs=userPassword by dn.exact="$WORKER_DN" write by self write by anonymous auth by * none
olcAccess: {1}to dn.subtree="ou=students,$BASE_DN" attrs=pwdAccountLockedTime,pwdFailureTime,pwdReset by dn.exact="$WORKER_DN" manage by * none
olcAccess: {2}to dn.subtree="ou=students,$BASE_DN" by dn.exact="$WORKER_DN" write by self read by * none
olcAccess: {3}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {4}to * by self read by users read by * none

dn: olcOverlay={0}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {0}ppolicy
olcPPolicyDefault: cn=default,ou=policies,$BASE_DN
olcPPolicyHashCleartext: TRUE
olcPPolicyUseLockout: TRUE
EOF

    cat >"$STATE/data.ldif" <<EOF
dn: $BASE_DN
objectClass: dcObject
objectClass: organization
dc: $org
o: $org

dn: ou=students,$BASE_DN
objectClass: organizationalUnit
ou: students

dn: ou=services,$BASE_DN
objectClass: organizationalUnit
ou: services

dn: $WORKER_DN
objectClass: applicationProcess
objectClass: simpleSecurityObject
cn: ticketworker
userPassword: $worker_hash

dn: ou=policies,$BASE_DN
objectClass: organizationalUnit
ou: policies

dn: cn=default,ou=policies,$BASE_DN
objectClass: device
objectClass: pwdPolicy
cn: default
pwdAttribute: userPassword
pwdMustChange: TRUE
pwdAllowUserChange: TRUE
pwdLockout: TRUE
pwdMaxFailure: 5
pwdLockoutDuration: 0
pwdInHistory: 0
pwdCheckQuality: 0
EOF
    slapadd -q -n0 -F "$CONF_DIR" -l "$STATE/config.ldif" >&2
    slapadd -q -n1 -F "$CONF_DIR" -l "$STATE/data.ldif" >&2
    touch "$READY"
}

start_server() {
    if our_pid >/dev/null && answers; then
        say "already running (pid $(our_pid)) at $URL"
        return 0
    fi
    port_taken && die "port $PORT on $HOST is taken by another program; set TW_SLAPD_PORT"
    mkdir -p "$RUN_DIR"
    # slapd runs as openldap: it must traverse the state directory (the passwords stay 600).
    chmod 711 "$STATE"
    chown -R openldap:openldap "$CONF_DIR" "$DATA_DIR" "$RUN_DIR"
    rm -f "$PIDFILE" "$SOCKET"
    say "starting slapd at $URL"
    /usr/sbin/slapd -h "$URL/ $LDAPI_URL/" -F "$CONF_DIR" -u openldap -g openldap >&2
    for _ in $(seq 1 100); do
        answers && { say "ready (pid $(our_pid || echo '?'))"; return 0; }
        sleep 0.1
    done
    die "slapd did not answer at $URL within 10 s (try: slapd -d 1 -F $CONF_DIR)"
}

write_env() {
    {
        printf 'export TW_LDAP_URL=%s\n' "$(quote "$URL")"
        printf 'export TW_LDAP_BASE_DN=%s\n' "$(quote "$BASE_DN")"
        printf 'export TW_LDAP_ADMIN_DN=%s\n' "$(quote "$ADMIN_DN")"
        printf 'export TW_LDAP_ADMIN_PASSWORD=%s\n' "$(quote "$(<"$ADMIN_PW_FILE")")"
        printf 'export TW_LDAP_BIND_DN=%s\n' "$(quote "$WORKER_DN")"
        printf 'export TW_LDAP_BIND_PASSWORD=%s\n' "$(quote "$(<"$WORKER_PW_FILE")")"
        printf 'export TW_LDAP_LDAPI_URL=%s\n' "$(quote "$LDAPI_URL")"
    } >"$ENV_FILE.tmp"
    chmod 600 "$ENV_FILE.tmp"
    mv "$ENV_FILE.tmp" "$ENV_FILE"
}

cmd_start() {
    check_inputs
    install_packages
    mkdir -p "$STATE"
    initialise
    start_server
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
