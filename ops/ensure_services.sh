#!/usr/bin/env bash
# The test suite starts real services on 127.0.0.1 (issue 17): scrapyd comes from the venv,
# Redis from Debian's redis-server package, installed here when it is missing. Needs root or
# sudo for apt-get; without either it says what to install and fails.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "ops/ensure_services.sh: redis-server is missing; install it (apt-get install redis-server) and rerun" >&2
    exit 1
fi
echo "ops/ensure_services.sh: installing redis-server (Debian package) for the fleet tests" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends redis-server >/dev/null \
    || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y --no-install-recommends redis-server >/dev/null; }
# The package starts a system-wide server on port 6379; the tests start their own on free ports.
command -v redis-server >/dev/null
