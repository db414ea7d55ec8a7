// End-to-end tests of the Worker: real `wrangler dev` (local workerd + local KV), real HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { kv, randomSecrets, startWorker } from './wrangler-dev.mjs';

const JSON_TYPE = { 'content-type': 'application/json' };
const issued = []; // every token the Worker handed out, to prove none reaches KV or the logs
const users = ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.com'];

let worker;
before(async () => {
  worker = await startWorker();
  console.log(`wrangler dev answered /healthz after ${worker.startupMs} ms`);
});
after(async () => {
  await worker?.cleanup();
});

async function call(method, path, { body, headers = {}, raw } = {}) {
  const res = await fetch(worker.base + path, {
    method,
    headers: body === undefined ? headers : { ...JSON_TYPE, ...headers },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  for (const key of ['access_token', 'refresh_token']) if (json?.[key]) issued.push(json[key]);
  return { status: res.status, headers: res.headers, json, text };
}

const issuer = () => ({ authorization: `Bearer ${worker.secrets.ISSUER_API_KEY}` });
const login = (user, claims = { role: 'admin' }) =>
  call('POST', '/v1/tokens', { headers: issuer(), body: { user_id: user, claims } });
const refresh = (token) => call('POST', '/v1/tokens/refresh', { body: { refresh_token: token } });

function assertError(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json?.code, code, res.text);
  assert.equal(typeof res.json.error, 'string');
  assert.equal(typeof res.json.error_description, 'string');
  assert.match(res.headers.get('content-type'), /^application\/json/);
}

describe('Worker API against wrangler dev', () => {
  test('GET /healthz answers ok', async () => {
    const res = await call('GET', '/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: 'ok' });
  });

  test('POST /v1/tokens without or with a wrong issuer key is 401', async () => {
    const body = { user_id: users[0] };
    assertError(await call('POST', '/v1/tokens', { body }), 401, 'ERR_UNAUTHORIZED');
    const wrong = { authorization: `Bearer ${worker.secrets.ISSUER_API_KEY}x` };
    const res = await call('POST', '/v1/tokens', { body, headers: wrong });
    assertError(res, 401, 'ERR_UNAUTHORIZED');
    assert.match(res.headers.get('www-authenticate'), /^Bearer/);
  });

  test('POST /v1/tokens issues a pair: 201, token response shape, no-store', async () => {
    const res = await login(users[0]);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(Object.keys(res.json).sort(),
      ['access_token', 'expires_in', 'refresh_expires_in', 'refresh_token', 'token_type']);
    assert.equal(res.json.token_type, 'Bearer');
    assert.equal(res.json.expires_in, 900);
    assert.equal(res.json.refresh_expires_in, 30 * 86400);
    assert.match(res.json.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.notEqual(res.json.access_token, res.json.refresh_token);
  });

  test('GET /v1/userinfo verifies the bearer access token', async () => {
    const { json: pair } = await login(users[0], { role: 'editor' });
    const ok = await call('GET', '/v1/userinfo', { headers: { authorization: `Bearer ${pair.access_token}` } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.sub, users[0]);
    assert.equal(ok.json.role, 'editor');
    assert.equal(ok.json.iss, 'https://edge-tokens.example');
    assert.equal(ok.headers.get('cache-control'), 'no-store');

    const [h, p, s] = pair.access_token.split('.');
    const flipped = s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
    const forgedClaims = Buffer.from(JSON.stringify({ ...ok.json, role: 'root' })).toString('base64url');
    for (const bad of [`${h}.${p}.${flipped}`, `${h}.${forgedClaims}.${s}`]) {
      const res = await call('GET', '/v1/userinfo', { headers: { authorization: `Bearer ${bad}` } });
      assertError(res, 401, 'ERR_TOKEN_INVALID');
    }
    // A refresh token is not an access token (typ rt+jwt).
    const rt = await call('GET', '/v1/userinfo', { headers: { authorization: `Bearer ${pair.refresh_token}` } });
    assertError(rt, 401, 'ERR_TOKEN_INVALID');
    assertError(await call('GET', '/v1/userinfo'), 401, 'ERR_UNAUTHORIZED');
  });

  test('refresh rotates; a token two rotations old is reuse and kills the session', async () => {
    const { json: first } = await login(users[1], { role: 'admin' });
    const second = await refresh(first.refresh_token);
    assert.equal(second.status, 200, second.text);
    assert.equal(second.headers.get('cache-control'), 'no-store');
    assert.notEqual(second.json.refresh_token, first.refresh_token);
    const info = await call('GET', '/v1/userinfo', { headers: { authorization: `Bearer ${second.json.access_token}` } });
    assert.equal(info.json.role, 'admin', 'rotation keeps the custom claims');

    const third = await refresh(second.json.refresh_token);
    assert.equal(third.status, 200, third.text);

    assertError(await refresh(first.refresh_token), 401, 'ERR_REFRESH_TOKEN_REUSED');
    // The newest token died with its session.
    assertError(await refresh(third.json.refresh_token), 401, 'ERR_REFRESH_TOKEN_REVOKED');
  });

  test('a newer login supersedes the old refresh token without killing the new session', async () => {
    const { json: old } = await login(users[2]);
    const { json: newer } = await login(users[2]);
    assertError(await refresh(old.refresh_token), 401, 'ERR_REFRESH_TOKEN_REVOKED');
    assert.equal((await refresh(newer.refresh_token)).status, 200);
  });

  test('POST /v1/tokens/revoke ends the session and answers 200 for anything (RFC 7009)', async () => {
    const { json: pair } = await login(users[3]);
    const res = await call('POST', '/v1/tokens/revoke', { body: { refresh_token: pair.refresh_token } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, {});
    assertError(await refresh(pair.refresh_token), 401, 'ERR_REFRESH_TOKEN_REVOKED');

    for (const token of [pair.refresh_token, 'garbage', 'a.b.c', pair.access_token]) {
      const again = await call('POST', '/v1/tokens/revoke', { body: { refresh_token: token } });
      assert.equal(again.status, 200, again.text);
    }
    assertError(await call('POST', '/v1/tokens/revoke', { body: {} }), 400, 'ERR_INVALID_REQUEST');
  });

  test('POST /v1/users/{user_id}/revoke logs the user out everywhere (issuer key only)', async () => {
    const { json: pair } = await login(users[3]);
    const path = `/v1/users/${encodeURIComponent(users[3])}/revoke`;
    assertError(await call('POST', path), 401, 'ERR_UNAUTHORIZED');
    assert.equal((await refresh(pair.refresh_token)).status, 200, 'still alive without the key');
    const { json: live } = await login(users[3]);
    const res = await call('POST', path, { headers: issuer() });
    assert.equal(res.status, 200, res.text);
    assertError(await refresh(live.refresh_token), 401, 'ERR_REFRESH_TOKEN_REVOKED');
  });

  test('bad input gets a JSON 4xx with a stable code, never a 500', async () => {
    const cases = [
      ['non-JSON content type', 'POST', '/v1/tokens/refresh',
        { headers: { 'content-type': 'text/plain' }, raw: 'refresh_token=x' }, 415, 'ERR_UNSUPPORTED_MEDIA_TYPE'],
      ['no content type', 'POST', '/v1/tokens/refresh', { raw: '{}' }, 415, 'ERR_UNSUPPORTED_MEDIA_TYPE'],
      ['invalid JSON', 'POST', '/v1/tokens/refresh', { headers: JSON_TYPE, raw: '{"refresh_token":' }, 400, 'ERR_INVALID_REQUEST'],
      ['JSON array', 'POST', '/v1/tokens/refresh', { headers: JSON_TYPE, raw: '[]' }, 400, 'ERR_INVALID_REQUEST'],
      ['empty body', 'POST', '/v1/tokens/refresh', { headers: JSON_TYPE, raw: '' }, 400, 'ERR_INVALID_REQUEST'],
      ['missing refresh_token', 'POST', '/v1/tokens/refresh', { body: {} }, 400, 'ERR_INVALID_REQUEST'],
      ['refresh_token not a string', 'POST', '/v1/tokens/refresh', { body: { refresh_token: 7 } }, 400, 'ERR_INVALID_REQUEST'],
      ['duplicate key', 'POST', '/v1/tokens/refresh', { headers: JSON_TYPE, raw: '{"refresh_token":"a","refresh_token":"b"}' }, 400, 'ERR_INVALID_REQUEST'],
      ['unknown field', 'POST', '/v1/tokens/refresh', { body: { refresh_token: 'x', extra: 1 } }, 400, 'ERR_INVALID_REQUEST'],
      ['not a JWT', 'POST', '/v1/tokens/refresh', { body: { refresh_token: 'not-a-jwt' } }, 400, 'ERR_TOKEN_MALFORMED'],
      ['oversized token', 'POST', '/v1/tokens/refresh', { body: { refresh_token: 'a'.repeat(9000) } }, 400, 'ERR_TOKEN_MALFORMED'],
      ['oversized body', 'POST', '/v1/tokens/refresh', { body: { refresh_token: 'a'.repeat(20_000) } }, 413, 'ERR_BODY_TOO_LARGE'],
      ['missing user_id', 'POST', '/v1/tokens', { headers: issuer(), body: { claims: {} } }, 400, 'ERR_INVALID_REQUEST'],
      ['user_id too long', 'POST', '/v1/tokens', { headers: issuer(), body: { user_id: 'u'.repeat(300) } }, 400, 'ERR_INVALID_REQUEST'],
      ['reserved claim', 'POST', '/v1/tokens', { headers: issuer(), body: { user_id: 'u', claims: { exp: 1 } } }, 400, 'ERR_INVALID_REQUEST'],
      ['claims not an object', 'POST', '/v1/tokens', { headers: issuer(), body: { user_id: 'u', claims: [1] } }, 400, 'ERR_INVALID_REQUEST'],
      ['deep JSON', 'POST', '/v1/tokens', { headers: { ...issuer(), ...JSON_TYPE }, raw: `{"user_id":"u","claims":{"a":${'['.repeat(500)}${']'.repeat(500)}}}` }, 400, 'ERR_INVALID_REQUEST'],
      ['bad percent-encoding', 'POST', '/v1/users/%ff/revoke', { headers: issuer() }, 400, 'ERR_INVALID_REQUEST'],
      ['wrong method', 'GET', '/v1/tokens', {}, 405, 'ERR_METHOD_NOT_ALLOWED'],
      ['wrong method on a GET route', 'POST', '/healthz', { body: {} }, 405, 'ERR_METHOD_NOT_ALLOWED'],
      ['unknown path', 'GET', '/v2/nothing', {}, 404, 'ERR_NOT_FOUND'],
      ['unknown path, POST', 'POST', '/v1/tokens/refresh/extra', { body: {} }, 404, 'ERR_NOT_FOUND'],
    ];
    for (const [name, method, path, options, status, code] of cases) {
      const res = await call(method, path, options);
      assert.ok(res.status < 500, `${name}: ${res.status} ${res.text}`);
      assert.equal(res.status, status, `${name}: ${res.text}`);
      assert.equal(res.json?.code, code, `${name}: ${res.text}`);
      assert.deepEqual(Object.keys(res.json).sort(), ['code', 'error', 'error_description'], name);
    }
    const res = await call('GET', '/v1/tokens');
    assert.equal(res.headers.get('allow'), 'POST');
  });

  test('KV holds hashes under derived keys: no user id in keys, no token in values', async () => {
    await worker.stop(); // read the persisted state the way an operator would
    const keys = JSON.parse(await kv(worker.persistTo, 'list'));
    assert.equal(keys.length, 2, `alice and carol keep a session; bob and dave were revoked, got ${JSON.stringify(keys)}`);
    const secrets = Object.values(worker.secrets);
    assert.ok(issued.length >= 10);
    for (const { name, expiration } of keys) {
      assert.match(name, /^rt:[A-Za-z0-9_-]{43}$/);
      assert.ok(expiration > Date.now() / 1000 + 86400, 'records expire with the refresh token');
      for (const user of users) assert.ok(!name.includes(user.split('@')[0]));
      const value = await kv(worker.persistTo, 'get', name);
      const record = JSON.parse(value);
      assert.match(record.hash, /^[0-9a-f]{64}$/);
      for (const token of issued) {
        for (const part of token.split('.')) assert.ok(!value.includes(part), 'a token part is stored in KV');
      }
      for (const secret of secrets) assert.ok(!value.includes(secret));
      for (const user of users) assert.ok(!value.includes(user));
    }
  });

  test('no secret and no token appears in the log output', () => {
    const logs = worker.logs();
    assert.match(logs, /Ready on/);
    for (const secret of Object.values(worker.secrets)) assert.ok(!logs.includes(secret), 'a secret was logged');
    for (const token of issued) assert.ok(!logs.includes(token.split('.')[2]), 'a token was logged');
  });
});

describe('Worker configuration errors', () => {
  test('a weak secret answers 500 ERR_CONFIG and logs the variable, never its value', async () => {
    const secrets = { ...randomSecrets(), TOKEN_HASH_KEY: 'short-hash-key' };
    const broken = await startWorker(secrets);
    try {
      assert.equal((await fetch(`${broken.base}/healthz`)).status, 200);
      const res = await fetch(`${broken.base}/v1/tokens`, {
        method: 'POST',
        headers: { ...JSON_TYPE, authorization: `Bearer ${secrets.ISSUER_API_KEY}` },
        body: JSON.stringify({ user_id: 'u' }),
      });
      const body = await res.json();
      assert.equal(res.status, 500);
      assert.equal(body.code, 'ERR_CONFIG');
      assert.ok(!JSON.stringify(body).includes('TOKEN_HASH_KEY'), 'callers do not learn the config');
      await new Promise((r) => setTimeout(r, 300)); // let the log line arrive
      const logs = broken.logs();
      assert.match(logs, /ERR_CONFIG.*TOKEN_HASH_KEY/);
      for (const value of Object.values(secrets)) assert.ok(!logs.includes(value), 'a secret was logged');
    } finally {
      await broken.cleanup();
    }
  });
});
