#!/usr/bin/env bash
# Builds the Worker into build/ with worker-build, using only tools installed by setup.sh:
# without these variables worker-build would download wasm-bindgen, wasm-opt and esbuild.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
export WASM_BINDGEN_BIN="$HOME/.cargo/bin/wasm-bindgen"
export ESBUILD_BIN="$root/node_modules/esbuild/bin/esbuild"
export WASM_OPT_BIN="$root/node_modules/.bin/wasm-opt"
# wrangler runs this at start (twice) and on every change under src/: skip when nothing changed.
out=build/worker/shim.mjs
if [ -f "$out" ] && [ -f build/index_bg.wasm ] \
  && [ -z "$(find src Cargo.toml Cargo.lock -newer build/index_bg.wasm -print -quit)" ]; then
  echo "[build-worker] build/ is up to date"
  exit 0
fi
exec worker-build --release --features worker
