#!/usr/bin/env bash
# Installs pkg/ into an empty project the way a user would, then imports it from ESM and CJS.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$repo/pkg" >/dev/null
# npm links a local directory; a user gets the same files from a tarball, so pack and install
# that instead to catch files missing from "files".
tarball=$(cd "$repo/pkg" && npm pack --silent --pack-destination "$scratch")
npm install --no-audit --no-fund --loglevel=error "./$tarball" >/dev/null
cat > esm.mjs <<'JS'
import { hashToken, generateAccessToken, verifyAccessToken } from "edge-tokens";
import { createHmac } from "node:crypto";
const key = "k".repeat(32);
if (hashToken("t", key) !== createHmac("sha256", key).update("t").digest("hex")) throw new Error("hash mismatch");
const claims = verifyAccessToken(generateAccessToken({ sub: "scratch" }, key), key);
if (claims.sub !== "scratch") throw new Error("round trip failed");
console.log("[scratch] ESM import ok");
JS
node esm.mjs
node -e 'const { hashToken } = require("edge-tokens"); if (hashToken("t", "k".repeat(32)).length !== 64) process.exit(1); console.log("[scratch] CJS require ok")'
