#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests (tests/browser), which drive
# it with Playwright: `playwright install` downloads browsers and cannot work offline. Called by
# `make test`. Quiet when chromium is already there; installs it with apt-get otherwise (as root, or with
# sudo when it asks for no password); says what to do when it cannot.
set -euo pipefail

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0

fail() {
    echo "ensure_chromium: $1" >&2
    echo "ensure_chromium: the browser tests need Debian's chromium at $CHROMIUM;" \
         "install it with: sudo apt-get install chromium" >&2
    exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "no apt-get here to install chromium with"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    fail "not root, and sudo needs a password"
fi

echo "ensure_chromium: installing Debian chromium for the browser tests (once)"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >"$log" 2>&1; then
    # The package lists may be missing or stale on a fresh machine: refresh them once and retry.
    "${as_root[@]}" apt-get update -qq >>"$log" 2>&1 || true
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >>"$log" 2>&1 || {
        tail -n 20 "$log" >&2
        fail "apt-get install chromium failed (output above)"
    }
fi
[ -x "$CHROMIUM" ] || fail "chromium was installed but $CHROMIUM is missing"
echo "ensure_chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed"
