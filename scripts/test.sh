#!/usr/bin/env bash
# Every test of the project: formatting and lints, native Rust tests, wasm tests in Node,
# JavaScript tests of the built pkg/, a scratch-project install of pkg/, and end-to-end tests of
# the Worker against a real `wrangler dev`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
start=$SECONDS
step() { printf '\n[test] == %s (%ss)\n' "$*" "$((SECONDS - start))"; }

step "set-up"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all --check

step "clippy (host, all targets)"
cargo clippy --quiet --all-targets -- -D warnings
step "clippy (wasm32, feature npm)"
cargo clippy --quiet --target wasm32-unknown-unknown --features npm --all-targets -- -D warnings
step "clippy (wasm32, feature worker)"
cargo clippy --quiet --target wasm32-unknown-unknown --features worker --all-targets -- -D warnings

step "native cargo test"
cargo test --quiet

step "wasm tests in Node (wasm-bindgen-test-runner)"
cargo test --target wasm32-unknown-unknown --features npm --test wasm

step "build pkg/ and the demo page"
bash scripts/build-pkg.sh
bash scripts/build-demo.sh

step "TypeScript declarations (tsc --strict)"
node_modules/.bin/tsc -p tests/types

step "JavaScript tests of pkg/ (node:test)"
node --test tests/js/

step "web build in headless Chromium"
node --test tests/browser/

step "pkg/ installs and imports in a scratch project"
bash scripts/check-scratch-install.sh

step "build the Worker (worker-build)"
bash scripts/build-worker.sh

step "Worker end-to-end against wrangler dev, and deploy --dry-run"
node --test --test-concurrency=1 tests/e2e/

printf '\n[test] all passed in %ss\n' "$((SECONDS - start))"
