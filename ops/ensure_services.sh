#!/usr/bin/env bash
# The test suite starts real services on 127.0.0.1 (issue 17): scrapyd comes from the venv,
# Redis from Debian's redis-server package, installed here when it is missing. The Datasette
# rendering checks drive Debian's Chromium, installed here too (about 15 s, 330 MB), so
# that they run rather than skip. Needs root or sudo for apt-get; without either it says
# what to install and fails (Redis) or warns (Chromium: its two checks then skip).
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "ops/ensure_services.sh: missing ${missing[*]}; install (apt-get install ${missing[*]}) and rerun" >&2
    command -v redis-server >/dev/null 2>&1 || exit 1
    exit 0  # Chromium only: the two rendering checks skip and say why
fi
export DEBIAN_FRONTEND=noninteractive
install() {
    $SUDO apt-get install -y --no-install-recommends "$@" >/dev/null \
        || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y --no-install-recommends "$@" >/dev/null; }
}
for package in "${missing[@]}"; do
    case $package in
        redis-server)
            echo "ops/ensure_services.sh: installing redis-server (Debian package) for the fleet tests" >&2
            install redis-server
            # The package starts a system-wide server on port 6379; the tests start their own
            # on free ports.
            command -v redis-server >/dev/null
            ;;
        chromium)
            echo "ops/ensure_services.sh: installing chromium (Debian package) for the Datasette rendering checks" >&2
            install chromium || echo "ops/ensure_services.sh: chromium did not install; its two checks will skip" >&2
            ;;
    esac
done
