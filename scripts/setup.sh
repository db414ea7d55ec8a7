#!/usr/bin/env bash
# Installs everything the build and the tests need. Idempotent: anything already present at the
# pinned version is skipped, so a warm machine passes through in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
WORKER_BUILD_VERSION=0.8.7
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    log "adding $component"
    rustup component add "$component"
  fi
done

have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q " $2\$"; }
if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  # Without --locked: its lockfile pins a crate version this registry lacks (toolchain.md).
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 9 minutes cold)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! command -v worker-build >/dev/null 2>&1 \
  || [ "$(worker-build --version 2>/dev/null)" != "$WORKER_BUILD_VERSION" ]; then
  log "installing worker-build $WORKER_BUILD_VERSION (about 10 minutes cold)"
  cargo install worker-build --version "$WORKER_BUILD_VERSION" --locked
fi

# Debian's Chromium for the browser tests (test tools' own browser downloads fail here).
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  log "installing Debian's chromium (about 1 minute)"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get install -y chromium >/dev/null \
    || { $sudo_cmd apt-get update >/dev/null && $sudo_cmd apt-get install -y chromium >/dev/null; }
fi

# npm packages: reinstall only when package-lock.json changed since the last install.
stamp=node_modules/.setup-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
log "ready"
