# Sourced by scripts/slapd.sh and scripts/samba-ad.sh: install Debian packages without letting
# their postinst start a system service (these scripts run private instances of their own).
#   apt_install_no_start PACKAGE...      (root; dies through the caller's `die` on failure)
apt_install_no_start() {
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d exit 101 forbids every service start while the packages install.
    local made_policy=0 status=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    local apt=(apt-get -o DPkg::Lock::Timeout=300 -y -q)
    "${apt[@]}" install --no-install-recommends "$@" >&2 \
        || { "${apt[@]}" update >&2 && "${apt[@]}" install --no-install-recommends "$@" >&2; } \
        || status=$?
    [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    [ "$status" = 0 ] || die "apt-get install $* failed (exit $status)"
}
