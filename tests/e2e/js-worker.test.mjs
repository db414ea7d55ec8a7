// The npm package in a JavaScript Worker under wrangler dev: it loads through the `workerd`
// export condition and takes the KV binding itself as the store.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, startWorker } from './wrangler-dev.mjs';

let worker;
before(async () => {
  worker = await startWorker(undefined, { config: join(ROOT, 'tests/e2e/js-worker/wrangler.toml') });
});
after(async () => { await worker?.cleanup(); });

async function post(path, body) {
  const res = await fetch(worker.base + path, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

test('saveToken / rotateRefreshToken / verifyAccessToken with env.KV as the store', async () => {
  const login = await post('/login', { user: 'js-user' });
  assert.equal(login.status, 201, JSON.stringify(login.json));
  assert.equal(login.json.expiresIn, 900);
  const verified = await post('/verify', { accessToken: login.json.accessToken });
  assert.equal(verified.json.claims.sub, 'js-user');
  assert.equal(verified.json.claims.role, 'admin');
  assert.equal(verified.json.header.typ, 'at+jwt');

  const next = await post('/refresh', { refreshToken: login.json.refreshToken });
  assert.equal(next.status, 200, JSON.stringify(next.json));
  // Within the grace period the retired token gets the same pair (a second tab).
  const again = await post('/refresh', { refreshToken: login.json.refreshToken });
  assert.deepEqual(again.json, next.json);
  await post('/refresh', { refreshToken: next.json.refreshToken });
  const replay = await post('/refresh', { refreshToken: login.json.refreshToken });
  assert.deepEqual(replay.json, { name: 'RefreshTokenReusedError', code: 'ERR_REFRESH_TOKEN_REUSED' });
});
