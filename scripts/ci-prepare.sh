#!/usr/bin/env bash
# Installs what the test suite needs from Debian when it is missing (idempotent, root only):
# chromium for the browser tests (Playwright drives Debian's chromium; its own download
# does not work here).  Request Tracker is installed by scripts/rt.sh when tests start it.
# `make test` runs this first; without root it stops at once with the command to run.
set -euo pipefail
missing=()
# TW_CHROMIUM names the browser command to look for (a test names one that is never there).
command -v "${TW_CHROMIUM:-chromium}" >/dev/null 2>&1 || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "make test needs Debian packages that are missing: ${missing[*]}" >&2
        echo "install them with: sudo apt-get install ${missing[*]}" >&2
        echo "(or run: sudo scripts/ci-prepare.sh), then run make test again" >&2
        exit 1
    fi
    echo "ci-prepare: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null
    apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
