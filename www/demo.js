// The demo drives the Worker's HTTP API and uses the edge-tokens web build to decode tokens.
// Tokens stay in module variables: nothing is written to localStorage or cookies.
import init, { decodeToken } from './pkg/edge_tokens.js';

const $ = (id) => document.getElementById(id);
let session = null; // the latest token response
const retired = []; // refresh tokens this page has rotated away, to show reuse detection

function log(label, status, body) {
  const item = document.createElement('li');
  item.className = status < 400 ? 'ok' : 'err';
  item.textContent = `${label} → ${status} ${JSON.stringify(body)}`;
  $('log').prepend(item);
}

async function call(label, method, path, { body, token } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(path, { method, headers, body: body && JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  log(label, res.status, json);
  return { status: res.status, json };
}

function show(pair) {
  session = pair;
  const access = decodeToken(pair.access_token);
  const refresh = decodeToken(pair.refresh_token);
  $('access').textContent = JSON.stringify(access, null, 2);
  $('refresh-claims').textContent = JSON.stringify(refresh, null, 2);
  $('access-exp').textContent = `(expires ${new Date(access.payload.exp * 1000).toLocaleTimeString()})`;
  $('refresh-rot').textContent = `(rotation ${refresh.payload.rot})`;
  for (const id of ['userinfo', 'refresh', 'race', 'revoke', 'revoke-user']) $(id).disabled = false;
  $('replay').disabled = retired.length === 0;
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  let claims;
  try {
    claims = JSON.parse($('claims').value || '{}');
  } catch {
    log('claims', 400, { error: 'claims must be JSON' });
    return;
  }
  const res = await call('POST /v1/tokens', 'POST', '/v1/tokens', {
    body: { user_id: $('user-id').value, claims },
    token: $('api-key').value,
  });
  if (res.status === 201) {
    retired.length = 0;
    show(res.json);
  }
});

$('userinfo').addEventListener('click', () =>
  call('GET /v1/userinfo', 'GET', '/v1/userinfo', { token: session.access_token }));

$('refresh').addEventListener('click', async () => {
  const old = session.refresh_token;
  const res = await call('POST /v1/tokens/refresh', 'POST', '/v1/tokens/refresh', {
    body: { refresh_token: old },
  });
  if (res.status === 200) {
    retired.push(old);
    show(res.json);
  }
});

// Two tabs holding the same refresh token both refresh: the grace period gives both the same
// new pair instead of treating the second as reuse.
$('race').addEventListener('click', async () => {
  const old = session.refresh_token;
  const body = { refresh_token: old };
  const [a, b] = await Promise.all([
    call('tab 1: POST /v1/tokens/refresh', 'POST', '/v1/tokens/refresh', { body }),
    call('tab 2: POST /v1/tokens/refresh', 'POST', '/v1/tokens/refresh', { body }),
  ]);
  if (a.status === 200 && b.status === 200) {
    log('both tabs stay logged in', 200, { samePair: a.json.refresh_token === b.json.refresh_token });
    retired.push(old);
    show(a.json);
  }
});

$('replay').addEventListener('click', () =>
  call('replay the first retired refresh token', 'POST', '/v1/tokens/refresh', {
    body: { refresh_token: retired[0] },
  }));

$('revoke').addEventListener('click', () =>
  call('POST /v1/tokens/revoke', 'POST', '/v1/tokens/revoke', {
    body: { refresh_token: session.refresh_token },
  }));

$('revoke-user').addEventListener('click', () => {
  const user = encodeURIComponent($('user-id').value);
  return call('POST /v1/users/{id}/revoke', 'POST', `/v1/users/${user}/revoke`, {
    token: $('api-key').value,
  });
});

await init();
document.body.dataset.ready = 'true';
