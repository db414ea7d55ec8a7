#!/usr/bin/env bash
# Assembles the demo page for wrangler's static assets: www/ plus the package's web build.
# Needs pkg/ (scripts/build-pkg.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/www
rm -rf "$out"
mkdir -p "$out/pkg"
cp www/index.html www/demo.js www/demo.css "$out/"
cp pkg/web/edge_tokens.js pkg/web/edge_tokens_bg.wasm "$out/pkg/"
echo "[build-demo] $out ready"
