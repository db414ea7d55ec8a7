#!/usr/bin/env bash
# Builds the npm package into pkg/ offline: cargo (wasm32, release) -> wasm-bindgen for node,
# web and bundler targets -> wasm-opt -O3 -> package.json with conditional exports.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --quiet --lib --release --target wasm32-unknown-unknown --features npm
wasm=target/wasm32-unknown-unknown/release/edge_tokens.wasm
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

# wasm-opt over three targets is most of the time: skip when neither the compiled module nor
# this script nor the README (copied into pkg/) changed since the last build.
build_key=$(cat "$wasm" "$0" README.md | sha256sum | cut -d' ' -f1)
if [ -f pkg/.build-key ] && [ "$(cat pkg/.build-key)" = "$build_key" ]; then
  mkdir -p node_modules && ln -sfn ../pkg node_modules/edge-tokens
  echo "[build] pkg/ is up to date"
  exit 0
fi

rm -rf pkg && mkdir -p pkg
for target in nodejs web bundler; do
  dir=pkg/${target/nodejs/node}
  wasm-bindgen "$wasm" --out-dir "$dir" --target "$target" --remove-name-section --remove-producers-section
  node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$dir/edge_tokens_bg.wasm" -o "$dir/edge_tokens_bg.wasm"
done

# wasm-bindgen cannot mark a parameter with an explicit TypeScript type as optional; the
# trailing options objects are optional in the implementation, so say so in the declarations.
for dts in pkg/*/edge_tokens.d.ts; do
  sed -i -E 's/options: (SignOptions|VerifyOptions)\)/options?: \1)/' "$dts"
done

# The nodejs target is CommonJS; give it a package.json of its own so it stays CommonJS inside
# an ESM package, and an ESM entry that re-exports it.
echo '{ "type": "commonjs" }' > pkg/node/package.json
{
  echo "import wasm from './edge_tokens.js';"
  names=$(node -e "console.log(Object.keys(require('./pkg/node/edge_tokens.js')).join(', '))")
  echo "export const { $names } = wasm;"
} > pkg/node/index.mjs
cp pkg/node/edge_tokens.d.ts pkg/node/index.d.mts

# Workers (workerd) import .wasm files as compiled WebAssembly.Module objects and cannot fetch
# them at run time: instantiate the web build synchronously from the imported module.
mkdir -p pkg/workerd
cat > pkg/workerd/index.mjs <<'JS'
import module from '../web/edge_tokens_bg.wasm';
import { initSync } from '../web/edge_tokens.js';

initSync({ module });
export * from '../web/edge_tokens.js';
JS
echo "export * from '../web/edge_tokens.js';" > pkg/workerd/index.d.ts

cat > pkg/package.json <<JSON
{
  "name": "edge-tokens",
  "version": "$version",
  "description": "JWT access and refresh tokens for edge runtimes (Rust + WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "sideEffects": ["./bundler/edge_tokens.js", "./node/index.mjs", "./workerd/index.mjs"],
  "types": "./node/edge_tokens.d.ts",
  "main": "./node/edge_tokens.js",
  "exports": {
    ".": {
      "workerd": { "types": "./workerd/index.d.ts", "default": "./workerd/index.mjs" },
      "node": {
        "import": { "types": "./node/index.d.mts", "default": "./node/index.mjs" },
        "require": { "types": "./node/edge_tokens.d.ts", "default": "./node/edge_tokens.js" }
      },
      "types": "./bundler/edge_tokens.d.ts",
      "default": "./bundler/edge_tokens.js"
    },
    "./web": { "types": "./web/edge_tokens.d.ts", "default": "./web/edge_tokens.js" },
    "./package.json": "./package.json"
  },
  "files": ["node", "web", "bundler", "workerd"]
}
JSON
cp README.md pkg/README.md 2>/dev/null || true

# Let tests and the demo import the package by its name.
mkdir -p node_modules
ln -sfn ../pkg node_modules/edge-tokens

raw=$(stat -c %s pkg/node/edge_tokens_bg.wasm)
gz=$(gzip -9 -c pkg/node/edge_tokens_bg.wasm | wc -c)
echo "$build_key" > pkg/.build-key
printf '[build] pkg/ built: edge_tokens_bg.wasm %d bytes raw, %d bytes gzip\n' "$raw" "$gz"
