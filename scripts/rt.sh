#!/usr/bin/env bash
# scripts/rt.sh - a throw-away Request Tracker 5 on 127.0.0.1 for ticketworker's integration
# tests and for trying the worker against a real help-desk.
#
#   scripts/rt.sh start    install RT if missing, configure, start, set up; prints `export` lines
#   scripts/rt.sh env      print the `export` lines of the running instance (exit 1 if not running)
#   scripts/rt.sh stop     stop the rt-server this script started, and nothing else
#   scripts/rt.sh reset    stop, delete the database and mail, start again from scratch
#   scripts/rt.sh webhook QUEUE URL TOKEN_FILE [SKIP_USER]
#                          install deploy/rt/ticketworker-webhook.pl's scrip on QUEUE
#   scripts/rt.sh unwebhook QUEUE   remove it again
#
# Typical use:  eval "$(scripts/rt.sh start)"
# stdout carries only the export lines; progress goes to stderr.  Every step is idempotent.
#
# Runs as root (apt-get, and rt-server runs as www-data like Debian's packaging expects).
# This instance has its own config directory (RT_SITE_CONFIG_DIR), database, mason cache, port
# and pid file, so it coexists with any other RT on the machine (for example one on port 8080).
#
# Environment (all optional):
#   TW_RT_PORT           port on 127.0.0.1                          (default 8089)
#   TW_RT_STATE_DIR      config, SQLite DB, pid, logs, token, mbox  (default /var/lib/ticketworker-rt)
#   TW_RT_QUEUE          queue the worker reads                     (default Instructional Technology)
#   TW_RT_MARK_FIELD     Select custom field for the worker's mark  (default Worker State)
#   TW_RT_ROOT_PASSWORD  RT user root's password, set at DB init     (default password)
#   TW_RT_WORKERS        Starlet worker processes                   (default 4)
#   TW_RT_BCRYPT_COST    bcrypt cost for passwords and tokens; RT's default 12 costs ~200 ms per
#                        authenticated request, 4 keeps tests fast  (default 4)
#   TW_RT_START_TIMEOUT  seconds to wait for REST2                  (default 90)
set -euo pipefail

PORT="${TW_RT_PORT:-8089}"
STATE="${TW_RT_STATE_DIR:-/var/lib/ticketworker-rt}"
QUEUE="${TW_RT_QUEUE:-Instructional Technology}"
MARK_FIELD="${TW_RT_MARK_FIELD:-Worker State}"
ROOT_PASSWORD="${TW_RT_ROOT_PASSWORD:-password}"
WORKERS="${TW_RT_WORKERS:-4}"
BCRYPT_COST="${TW_RT_BCRYPT_COST:-4}"
START_TIMEOUT="${TW_RT_START_TIMEOUT:-90}"
# Loopback by default, and always in tests.  Only the docker-compose "rt" profile listens on
# the container's network (TW_RT_LISTEN=0.0.0.0) and names itself as other containers see it
# (TW_RT_PUBLIC_URL=http://rt:8089): REST2 builds every link from that URL.
HOST=127.0.0.1
LISTEN="${TW_RT_LISTEN:-$HOST}"
RUN_AS=www-data
PACKAGES=(request-tracker5 rt5-db-sqlite rt5-standalone rt5-clients w3m curl)
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
SETUP_DATABASE=/usr/sbin/rt-setup-database-5

CONF_DIR="$STATE/etc"
CONF_FILE="$CONF_DIR/ticketworker-rt.pm"
DB="$STATE/rtdb"
DB_READY="$STATE/rtdb.ready"
# Written once the queue takes e-mail (rights granted); a new database needs it again.
MAIL_READY="$STATE/mail-rights-global.ready"
PIDFILE="$STATE/rt-server.pid"
LOG="$STATE/rt-server.log"
TOKEN_FILE="$STATE/token"
ENV_FILE="$STATE/env.sh"
RUNNING_CONF_SUM="$STATE/running-config.sha256"
MAIL_DIR="$STATE/var"
BASE_URL="http://$HOST:$PORT"
PUBLIC_URL="${TW_RT_PUBLIC_URL:-$BASE_URL}"
PUBLIC_HOST="${PUBLIC_URL#http://}"; PUBLIC_HOST="${PUBLIC_HOST%%:*}"
REST="$BASE_URL/REST/2.0"
# Every RT command we run reads our config directory instead of /etc/request-tracker5's
# RT_SiteConfig.d (RT::Config::LoadConfig honours this variable), so nothing global is touched.
export RT_SITE_CONFIG_DIR="$CONF_DIR"

say() { printf '[rt.sh] %s\n' "$*" >&2; }
die() { printf '[rt.sh] ERROR: %s\n' "$*" >&2; exit 1; }
quote() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }
as_rt() { setpriv --reuid="$RUN_AS" --regid="$RUN_AS" --init-groups -- "$@"; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

check_inputs() {
    [ "$(id -u)" = 0 ] || die "must run as root (installs packages, runs RT as $RUN_AS)"
    [[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT >= 1 && PORT <= 65535)) || die "bad TW_RT_PORT '$PORT'"
    [[ "$WORKERS" =~ ^[0-9]+$ ]] && ((WORKERS >= 1)) || die "bad TW_RT_WORKERS '$WORKERS'"
    [[ "$BCRYPT_COST" =~ ^[0-9]+$ ]] && ((BCRYPT_COST >= 4 && BCRYPT_COST <= 31)) \
        || die "TW_RT_BCRYPT_COST must be 4..31"
    [[ "$STATE" =~ ^/[A-Za-z0-9._/-]+$ ]] || die "TW_RT_STATE_DIR must be an absolute plain path"
    ((${#ROOT_PASSWORD} >= 5)) || die "TW_RT_ROOT_PASSWORD needs 5+ characters (RT's minimum)"
}

# ------------------------------------------------------------------------------ process helpers
# The pid of the rt-server this script started, if it is still that process.
our_pid() {
    [ -s "$PIDFILE" ] || return 1
    local pid
    pid=$(<"$PIDFILE")
    [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] || return 1
    # Both checks guard against pid reuse and against signalling another RT instance.
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "rt-server .*--port $PORT" || return 1
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "RT_SITE_CONFIG_DIR=$CONF_DIR" \
        || return 1
    echo "$pid"
}

# Live (non-zombie) members of process group $1; setsid made the server lead its own group.
group_alive() {
    local stat rest
    for stat in /proc/[0-9]*/stat; do
        rest=$(cat "$stat" 2>/dev/null) || continue
        rest=${rest##*) }
        # shellcheck disable=SC2086  # split "state ppid pgrp ..." into fields
        set -- $rest
        [ "${1:-}" != Z ] && [ "${3:-}" = "$GROUP" ] && return 0
    done
    return 1
}

stop_server() {
    local pid
    if ! pid=$(our_pid); then
        [ -e "$PIDFILE" ] && say "pid file is stale; removing it"
        rm -f "$PIDFILE"
        say "no rt-server of ours is running"
        return 0
    fi
    say "stopping rt-server (pid $pid)"
    GROUP=$pid
    kill -TERM "$pid"
    local deadline=$(($(date +%s) + 20))
    while group_alive; do
        if (($(date +%s) >= deadline)); then
            say "still running after 20 s: SIGKILL to its process group $GROUP only"
            kill -KILL -- "-$GROUP" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.1
    done
    rm -f "$PIDFILE"
    say "stopped"
}

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }
rest_answers() { [ "$(http_status -u "root:$ROOT_PASSWORD" "$REST/rt")" = 200 ]; }
port_taken() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

# ------------------------------------------------------------------------------ steps of start
install_packages() {
    local p missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0
    say "installing ${missing[*]} (about 20-30 s; log $STATE/apt.log)"
    local t0
    t0=$(date +%s.%N)
    # dbconfig-common would otherwise create and configure a database of its own.
    echo 'request-tracker5 request-tracker5/dbconfig-install boolean false' \
        | debconf-set-selections
    {
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
            --no-install-recommends "${PACKAGES[@]}"
    } >>"$STATE/apt.log" 2>&1 || { tail -n 20 "$STATE/apt.log" >&2; die "apt-get failed"; }
    say "installed in $(seconds_since "$t0") s"
}

write_config() {
    install -d -o root -g "$RUN_AS" -m 0750 "$CONF_DIR"
    local tmp
    tmp=$(mktemp)
    cat >"$tmp" <<EOF
# Written by ticketworker's scripts/rt.sh: a throw-away test instance, not for production.
Set(\$rtname, 'ticketworker-test');
Set(\$Organization, 'ticketworker.test');
Set(\$CorrespondAddress, 'helpdesk@ticketworker.test');
Set(\$CommentAddress, 'helpdesk-comment@ticketworker.test');
# REST2 builds every _url from these, so they must match where rt-server listens.
Set(\$WebDomain, '$PUBLIC_HOST');
Set(\$WebPort, $PORT);
Set(\$WebPath, '');
Set(\$WebBaseURL, '$PUBLIC_URL');
Set(\$WebURL, '$PUBLIC_URL/');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$DB');
# TicketSQL reads date literals in the API user's time zone; the connector sends UTC.
Set(\$Timezone, 'UTC');
Set(\$LogToSyslog, undef);
Set(\$LogToSTDERR, 'warning');
# Never deliver mail: append every outgoing message to mbox files under VarPath.
Set(\$MailCommand, 'mbox');
\$RT::VarPath = '$MAIL_DIR';
# Our own compiled-template and session caches, not the ones another instance uses.
\$RT::MasonDataDir = '$STATE/mason_data';
\$RT::MasonSessionDir = '$STATE/session_data';
Set(\$BcryptCost, $BCRYPT_COST);
1;
EOF
    if ! cmp -s "$tmp" "$CONF_FILE"; then
        install -o root -g "$RUN_AS" -m 0640 "$tmp" "$CONF_FILE"
        say "wrote $CONF_FILE"
    fi
    rm -f "$tmp"
    # Debian's postinst leaves the base RT_SiteConfig.pm root-only; RT still loads it.
    local base=/etc/request-tracker5/RT_SiteConfig.pm
    if [ -f "$base" ] && ! as_rt test -r "$base"; then
        chgrp "$RUN_AS" "$base" && chmod g+r "$base"
        say "made $base readable by $RUN_AS"
    fi
}

init_database() {
    [ -f "$DB_READY" ] && return 0
    our_pid >/dev/null && stop_server
    rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm" "$MAIL_READY"
    say "initialising $DB"
    local pwfile t0
    pwfile=$(mktemp)
    printf '%s\n' "$ROOT_PASSWORD" >"$pwfile"
    t0=$(date +%s.%N)
    if ! "$SETUP_DATABASE" --action init --root-password-file "$pwfile" </dev/null \
        >"$STATE/setup-database.log" 2>&1; then
        rm -f "$pwfile"
        tail -n 20 "$STATE/setup-database.log" >&2
        die "rt-setup-database-5 failed"
    fi
    rm -f "$pwfile"
    chown "$RUN_AS:$RUN_AS" "$DB"
    chmod 0660 "$DB"
    touch "$DB_READY"
    say "database ready in $(seconds_since "$t0") s"
}

start_server() {
    local pid sum
    # The server's settings are the config file plus its command line.
    sum=$({ cat "$CONF_FILE"; echo "workers=$WORKERS"; } | sha256sum | cut -d' ' -f1)
    if pid=$(our_pid); then
        if [ "$(cat "$RUNNING_CONF_SUM" 2>/dev/null)" = "$sum" ] && rest_answers; then
            say "rt-server already running (pid $pid) and REST2 answers"
            return 0
        fi
        say "rt-server (pid $pid) has an old config or does not answer: restarting"
        stop_server
    fi
    rm -f "$PIDFILE"
    port_taken && die "$HOST:$PORT is in use by another process (set TW_RT_PORT)"
    say "starting rt-server on $BASE_URL as $RUN_AS (log $LOG)"
    touch "$LOG" && chown "$RUN_AS:$RUN_AS" "$LOG"
    local t0
    t0=$(date +%s.%N)
    # setsid: the server leads its own process group, survives this shell, and `stop` can
    # end exactly that group.  `echo $$; exec` records the server's own pid.
    # shellcheck disable=SC2016  # $$, $0 and $@ belong to the inner bash
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
        setpriv --reuid="$RUN_AS" --regid="$RUN_AS" --init-groups -- \
        "$RT_SERVER" --server Starlet --host "$LISTEN" --port "$PORT" --max-workers "$WORKERS" \
        </dev/null >>"$LOG" 2>&1 &
    echo "$sum" >"$RUNNING_CONF_SUM"
    local deadline=$(($(date +%s) + START_TIMEOUT))
    until rest_answers; do
        if [ -s "$PIDFILE" ] && ! our_pid >/dev/null; then
            tail -n 20 "$LOG" >&2
            die "rt-server exited while starting"
        fi
        (($(date +%s) < deadline)) || { tail -n 20 "$LOG" >&2; die "no REST2 after $START_TIMEOUT s"; }
        sleep 0.2
    done
    say "REST2 answers after $(seconds_since "$t0") s"
}

# Prints "queue_id<TAB>field_id" when the queue exists and the mark field, with both values,
# is applied to it; a warm start then skips loading RT in Perl (about a second).
records_ready() {
    local auth=(-s --max-time 10 -H "Authorization: token $1") queue field_id
    queue=$(curl "${auth[@]}" "$REST/queue/$(perl -MURI::Escape -e 'print uri_escape($ARGV[0])' "$QUEUE")") \
        || return 1
    field_id=$(TW_FIELD="$MARK_FIELD" perl -MJSON::PP -0777 -ne '
        my $q = eval { decode_json($_) } or exit 1;
        for my $cf (@{ $q->{TicketCustomFields} || [] }) {
            if ($cf->{name} eq $ENV{TW_FIELD}) { print "$q->{id}\t$cf->{id}"; exit 0 }
        }
        exit 1' <<<"$queue") || return 1
    curl "${auth[@]}" "$REST/customfield/${field_id#*$'\t'}" | perl -MJSON::PP -0777 -ne '
        my $cf = eval { decode_json($_) } or exit 1;
        my %v = map { $_ => 1 } @{ $cf->{Values} || [] };
        exit(($v{"needs-review"} && $v{done}) ? 0 : 1)' || return 1
    echo "$field_id"
}

# Token, queue and the worker's custom field through RT's own Perl API: RT 5.0 has no command
# for tokens, and REST2 cannot apply an existing custom field to a queue.  Idempotent.
set_up_records() {
    local token=""
    [ -s "$TOKEN_FILE" ] && token=$(<"$TOKEN_FILE")
    if [ -n "$token" ] && [ "$(http_status -H "Authorization: token $token" "$REST/rt")" != 200 ]; then
        token=""
    fi
    local out
    if [ -n "$token" ] && [ -f "$MAIL_READY" ] && out=$(records_ready "$token"); then
        write_env "$token" "${out%$'\t'*}" "${out#*$'\t'}"
        return 0
    fi
    out=$(TW_QUEUE="$QUEUE" TW_FIELD="$MARK_FIELD" TW_NEED_TOKEN=$([ -z "$token" ] && echo 1) \
        as_rt perl - <<'PERL'
use strict; use warnings;
use lib '/usr/local/share/request-tracker5/lib', '/usr/share/request-tracker5/lib';
use RT; RT::LoadConfig(); RT::Init();
my $system = RT->SystemUser;
my $queue = RT::Queue->new($system);
$queue->Load($ENV{TW_QUEUE});
unless ($queue->id) {
    my ($ok, $msg) = $queue->Create(Name => $ENV{TW_QUEUE}, Description => 'ticketworker tests');
    die "queue: $msg\n" unless $ok;
}
my $cf = RT::CustomField->new($system);
$cf->LoadByName(Name => $ENV{TW_FIELD}, LookupType => 'RT::Queue-RT::Ticket');
unless ($cf->id) {
    my ($ok, $msg) = $cf->Create(Name => $ENV{TW_FIELD}, Type => 'Select', MaxValues => 1,
        LookupType => 'RT::Queue-RT::Ticket', Description => "ticketworker's mark");
    die "custom field: $msg\n" unless $ok;
}
unless ($cf->IsAdded($queue->id) || $cf->IsGlobal) {
    my ($ok, $msg) = $cf->AddToObject($queue);
    die "apply custom field: $msg\n" unless $ok;
}
# Mail to the help-desk address files tickets (rt-mailgate), as at a district that takes
# requests by e-mail: everyone may create and reply to tickets, in every queue (the tests
# make queues of their own).
my $everyone = RT::Group->new($system);
$everyone->LoadSystemInternalGroup('Everyone');
for my $right ('CreateTicket', 'ReplyToTicket') {
    next if $everyone->PrincipalObj->HasRight(Right => $right, Object => $RT::System);
    my ($ok, $msg) = $everyone->PrincipalObj->GrantRight(Right => $right, Object => $RT::System);
    die "right $right: $msg\n" unless $ok;
}
my %have = map { $_->Name => 1 } @{ $cf->Values->ItemsArrayRef };
for my $value ('needs-review', 'done') {
    next if $have{$value};
    my ($ok, $msg) = $cf->AddValue(Name => $value);
    die "custom field value: $msg\n" unless $ok;
}
my $token = '';
if ($ENV{TW_NEED_TOKEN}) {
    my $root = RT::User->new($system);
    $root->Load('root');
    my ($id, $msg, $secret) = RT::AuthToken->new($system)->Create(
        Owner => $root->id, Description => 'ticketworker scripts/rt.sh');
    die "token: $msg\n" unless $id;
    $token = $secret;
}
print join("\t", $queue->id, $cf->id, $token), "\n";
PERL
    ) || die "setting up the token, queue, custom field and mail rights failed"
    touch "$MAIL_READY"
    local queue_id field_id new_token
    IFS=$'\t' read -r queue_id field_id new_token <<<"$out"
    if [ -n "$new_token" ]; then
        token=$new_token
        (umask 077 && printf '%s\n' "$token" >"$TOKEN_FILE")
        say "created a REST2 token for root"
    fi
    [ "$(http_status -H "Authorization: token $token" "$REST/rt")" = 200 ] \
        || die "REST2 refuses the token"
    write_env "$token" "$queue_id" "$field_id"
}

write_env() {
    local pid
    pid=$(our_pid || true)
    {
        echo "export RT_URL=$(quote "$BASE_URL")"
        echo "export RT_REST2_URL=$(quote "$REST")"
        echo "export RT_USER='root'"
        echo "export RT_PASSWORD=$(quote "$ROOT_PASSWORD")"
        echo "export RT_TOKEN=$(quote "$1")"
        echo "export RT_QUEUE=$(quote "$QUEUE")"
        echo "export RT_QUEUE_ID=$(quote "$2")"
        echo "export RT_MARK_FIELD=$(quote "$MARK_FIELD")"
        echo "export RT_MARK_FIELD_ID=$(quote "$3")"
        echo "export RT_MBOX_DIR=$(quote "$MAIL_DIR")"
        echo "export RT_SERVER_PID=$(quote "$pid")"
        echo "export TW_RT_STATE_DIR=$(quote "$STATE")"
        echo "export TW_RT_PORT=$(quote "$PORT")"
        echo "export TICKETWORKER_HELPDESK__KIND='rt'"
        echo "export TICKETWORKER_HELPDESK__BASE_URL=$(quote "$PUBLIC_URL")"
        echo "export TICKETWORKER_HELPDESK__TOKEN=$(quote "$1")"
        echo "export TICKETWORKER_HELPDESK__QUEUE=$(quote "$QUEUE")"
        echo "export TICKETWORKER_HELPDESK__MARK_FIELD=$(quote "$MARK_FIELD")"
    } >"$ENV_FILE.tmp"
    chmod 600 "$ENV_FILE.tmp"
    mv "$ENV_FILE.tmp" "$ENV_FILE"
}

prepare_state_dir() {
    install -d -o "$RUN_AS" -g "$RUN_AS" -m 0750 "$STATE" "$MAIL_DIR" \
        "$STATE/mason_data" "$STATE/session_data"
    as_rt test -w "$MAIL_DIR" || die "$RUN_AS cannot write $MAIL_DIR (a parent directory is closed)"
}

cmd_start() {
    local t0
    t0=$(date +%s.%N)
    check_inputs
    install -d -m 0755 "$STATE"
    install_packages
    command -v setpriv >/dev/null || die "setpriv (util-linux) is missing"
    prepare_state_dir
    write_config
    init_database
    start_server
    set_up_records
    cat "$ENV_FILE"
    say "ready in $(seconds_since "$t0") s: $REST (exports also in $ENV_FILE)"
}

cmd_env() {
    our_pid >/dev/null || die "no rt-server of ours is running; run: $0 start"
    [ -s "$ENV_FILE" ] || die "$ENV_FILE is missing; run: $0 start"
    cat "$ENV_FILE"
}

cmd_reset() {
    check_inputs
    stop_server
    say "deleting the database, token and mail of $STATE"
    rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm" "$DB_READY" "$MAIL_READY" "$TOKEN_FILE" "$ENV_FILE"
    rm -f "$MAIL_DIR"/*.mbox
    cmd_start
}

# The webhook scrip, installed with the same Perl script a district runs on its RT server.
cmd_webhook() {
    our_pid >/dev/null || die "no rt-server of ours is running; run: $0 start"
    local script
    script="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/rt/ticketworker-webhook.pl"
    if [ "$1" = remove ]; then
        as_rt perl "$script" --queue "$2" --remove
    else
        [ -r "$4" ] || die "token file $4 is not readable"
        # The script runs as $RUN_AS, who may not read the caller's file: hand it a copy.
        local copy
        copy=$(mktemp)
        cat "$4" >"$copy"
        chown "$RUN_AS" "$copy"
        local rc=0
        as_rt perl "$script" --queue "$2" --url "$3" --token-file "$copy" --skip-user "${5:-}" \
            || rc=$?
        rm -f "$copy"
        return $rc
    fi
}

case "${1:-}" in
    start) cmd_start ;;
    webhook) [ $# -ge 4 ] || die "usage: $0 webhook QUEUE URL TOKEN_FILE [SKIP_USER]"
        cmd_webhook install "$2" "$3" "$4" "${5:-}" ;;
    unwebhook) [ $# -eq 2 ] || die "usage: $0 unwebhook QUEUE"; cmd_webhook remove "$2" ;;
    env) cmd_env ;;
    stop) check_inputs && stop_server ;;
    reset) cmd_reset ;;
    *) echo "usage: $0 start|env|stop|reset|webhook|unwebhook" >&2; exit 2 ;;
esac
