#!/usr/bin/env bash
# `npm run dev`: set-up, local secrets, one build, then the Worker with persisted local KV and the
# demo page on http://127.0.0.1:8787. Extra arguments go to `wrangler dev`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

if [ ! -f .dev.vars ]; then
  # Fresh random secrets for this checkout only; .dev.vars is git-ignored.
  node -e '
    const { randomBytes } = require("node:crypto");
    const names = ["ACCESS_TOKEN_SECRET", "REFRESH_TOKEN_SECRET", "TOKEN_HASH_KEY", "ISSUER_API_KEY"];
    const lines = names.map((n) => `${n}=${randomBytes(32).toString("base64url")}`);
    require("node:fs").writeFileSync(".dev.vars", lines.join("\n") + "\n", { mode: 0o600 });
  '
  echo "[dev] created .dev.vars with fresh random secrets (local use only)"
fi
api_key=$(sed -n 's/^ISSUER_API_KEY=//p' .dev.vars | tail -n 1)
echo "[dev] local issuer API key (Authorization: Bearer …): $api_key"

bash scripts/build-pkg.sh
bash scripts/build-demo.sh
bash scripts/build-worker.sh

export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false WRANGLER_HIDE_BANNER=true \
  CLOUDFLARE_CF_FETCH_ENABLED=false
echo "[dev] API and demo page on http://127.0.0.1:8787 (KV persisted in .wrangler/state)"
exec node_modules/.bin/wrangler dev --ip 127.0.0.1 --port 8787 --persist-to .wrangler/state "$@"
