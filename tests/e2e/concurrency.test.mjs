// Twenty tabs refresh with one token at the same moment, against wrangler dev: no 500s, the
// session survives, and KV ends with exactly one live refresh token (the grace period at work).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';

import { kv, startWorker } from './wrangler-dev.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.cleanup(); });

const JSON_TYPE = { 'content-type': 'application/json' };
const refresh = (token) => fetch(`${worker.base}/v1/tokens/refresh`, {
  method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ refresh_token: token }),
}).then(async (res) => ({ status: res.status, json: await res.json() }));

test('20 simultaneous refreshes with one token', async () => {
  const user = 'racer@example.com';
  const login = await fetch(`${worker.base}/v1/tokens`, {
    method: 'POST',
    headers: { ...JSON_TYPE, authorization: `Bearer ${worker.secrets.ISSUER_API_KEY}` },
    body: JSON.stringify({ user_id: user, claims: { role: 'admin' } }),
  }).then((r) => r.json());

  const results = await Promise.all(Array.from({ length: 20 }, () => refresh(login.refresh_token)));
  const statuses = results.map((r) => r.status);
  assert.ok(statuses.every((s) => s < 500), `statuses: ${statuses}`);
  // Local KV has no per-key write limit, so every tab gets a pair; 429 would also be honest.
  assert.ok(statuses.every((s) => s === 200 || s === 429), `statuses: ${statuses}`);
  const tokens = [...new Set(results.filter((r) => r.status === 200).map((r) => r.json.refresh_token))];
  assert.ok(tokens.length >= 1);

  // Exactly one of the handed-out refresh tokens is the stored one.
  const hashKey = worker.secrets.TOKEN_HASH_KEY;
  const storeKey = `rt:${createHmac('sha256', hashKey).update(`user:${user}`).digest('base64url')}`;
  const record = JSON.parse(await kv(worker.persistTo, 'get', storeKey));
  const userKey = createHmac('sha256', hashKey).update(`hash:${user}`).digest();
  const live = tokens.filter((t) => createHmac('sha256', userKey).update(t).digest('hex') === record.hash);
  assert.equal(live.length, 1, `${tokens.length} distinct pairs handed out, ${live.length} live`);
  assert.equal(record.rot, 1);
  console.log(`20 refreshes: ${statuses.filter((s) => s === 200).length} × 200, ${tokens.length} distinct pair(s), 1 live`);

  // The session survives: the live token rotates, and any losing sibling is merely revoked.
  const next = await refresh(live[0]);
  assert.equal(next.status, 200, JSON.stringify(next.json));
  for (const loser of tokens.filter((t) => t !== live[0])) {
    const res = await refresh(loser);
    assert.equal(res.json.code, 'ERR_REFRESH_TOKEN_REVOKED');
  }
  assert.equal((await refresh(next.json.refresh_token)).status, 200);
});
