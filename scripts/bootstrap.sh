#!/usr/bin/env bash
# Sets up everything CPRO Desktop needs on a fresh Debian/Ubuntu machine with Python >= 3.11:
# the system libraries Qt needs (installed with apt-get when run as root or with sudo),
# a virtual environment in .venv and the project with its development tools.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "Python 3.11 ou plus récent est nécessaire (commande $PYTHON introuvable)." >&2
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "Python 3.11 ou plus récent est nécessaire ($("$PYTHON" --version))." >&2
    exit 1
fi

apt_install() {
    # Installs Debian packages if we may (root or sudo); otherwise says what to install.
    local runner=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then runner="sudo"; else
            echo "Paquets système manquants : $* — installez-les : apt-get install $*" >&2
            return 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Paquets système manquants (nom Debian) : $*" >&2
        return 1
    fi
    echo "Installation des paquets système : $*" >&2
    $runner apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $runner apt-get install -y -qq "$@" >/dev/null
}

# Libraries the Qt 6 wheels load (xcb for a desktop session, offscreen for tests), the venv
# module, a Unicode font, and the PDF tools the tests use.
missing=()
need_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || missing+=("$2"); }
need_lib libGL.so.1 libgl1
need_lib libEGL.so.1 libegl1
need_lib libxkbcommon.so.0 libxkbcommon0
need_lib libxkbcommon-x11.so.0 libxkbcommon-x11-0
need_lib libfontconfig.so.1 libfontconfig1
need_lib libglib-2.0.so.0 libglib2.0-0
need_lib libdbus-1.so.3 libdbus-1-3
need_lib libxcb-cursor.so.0 libxcb-cursor0
need_lib libxcb-icccm.so.4 libxcb-icccm4
need_lib libxcb-keysyms.so.1 libxcb-keysyms1
need_lib libxcb-shape.so.0 libxcb-shape0
need_lib libxcb-randr.so.0 libxcb-randr0
need_lib libxcb-render-util.so.0 libxcb-render-util0
need_lib libxcb-image.so.0 libxcb-image0
need_lib libX11-xcb.so.1 libx11-xcb1
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    pyver=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    missing+=("python${pyver}-venv")
fi
if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}" || echo "Attention : certains paquets système manquent." >&2
fi

if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.cpro-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[dev]"
    echo "$want" >"$stamp"
fi
