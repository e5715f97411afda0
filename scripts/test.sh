#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then run the whole suite.
# Debian's chromium drives the browser tests (never `playwright install`).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nginx >/dev/null || missing+=(nginx)
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v openssl >/dev/null || missing+=(openssl)  # a self-signed certificate for the https test
command -v xauth >/dev/null || missing+=(xauth)      # xvfb-run needs it
# The native-window test: pywebview's Qt backend (QtWebEngine) on Xvfb needs these libraries.
# (ldd over PyQt6-Qt6's libraries and QtWebEngineProcess, minus what only optional plugins use)
for package in libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 \
               libxcb-shape0 libxcb-xkb1 libxcb-xfixes0 libxcb-sync1 libxcb-util1 libxcb-dri3-0 libxcb-glx0 \
               libx11-xcb1 libxkbcommon-x11-0 libxkbfile1 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxcursor1 \
               libxi6 libxinerama1 libegl1 libgl1 libgbm1 libdrm2 libfontconfig1 libfreetype6 libharfbuzz0b \
               libglib2.0-0 libdbus-1-3 libnss3 libasound2 libgssapi-krb5-2; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python -m pip install -q --disable-pip-version-check -e '.[test,lint]'

# Lint, types and layers first: quick, and a failure here says more than a failing test.
ruff check niceface tests bench examples scripts
mypy
lint-imports

# The Spaces tests call a real Gradio app, which runs from its own virtualenv: gradio is never
# a dependency of niceface (nor installed next to it).
GRADIO_VENV="${NICEFACE_GRADIO_VENV:-$PWD/.venv-gradio}"
if ! "$GRADIO_VENV/bin/python" -c "import gradio" 2>/dev/null; then
    python -m venv "$GRADIO_VENV"
    "$GRADIO_VENV/bin/pip" install -q --disable-pip-version-check gradio
fi
export NICEFACE_GRADIO_PYTHON="$GRADIO_VENV/bin/python"
# The previous major of gradio_client (1.x), for the wire-protocol tests, in a virtualenv of its own.
CLIENT1_VENV="${NICEFACE_CLIENT1_VENV:-$PWD/.venv-gradio-client1}"
if ! "$CLIENT1_VENV/bin/python" -c "import gradio_client" 2>/dev/null; then
    python -m venv "$CLIENT1_VENV"
    "$CLIENT1_VENV/bin/pip" install -q --disable-pip-version-check "gradio_client<2"
fi
export NICEFACE_CLIENT1_PYTHON="$CLIENT1_VENV/bin/python"
exec python -m pytest -q -p no:cacheprovider "$@"
