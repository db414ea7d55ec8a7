// The store flows of the npm package, with MemoryStore and with a hand-written KV-shaped object.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MemoryStore, TokenService, saveToken, verifyRefreshToken, rotateRefreshToken,
  revokeRefreshToken, revokeUser, verifyAccessToken, decodeToken,
} from "edge-tokens";

const config = {
  accessSecret: "access-secret-access-secret-access-secret",
  refreshSecret: new TextEncoder().encode("refresh-secret-refresh-secret-refresh"),
  hashKey: "hash-key-hash-key-hash-key-hash-key-hash",
  accessTtl: "10m",
  refreshTtl: 7200,
  issuer: "https://auth.example",
  audience: "api",
};

/** A KV namespace look-alike written by hand: plain Map, KV's TTL rule, calls recorded. */
class HandWrittenKV {
  constructor() { this.map = new Map(); this.calls = []; }
  async get(key) { this.calls.push(["get", key]); return this.map.get(key)?.value ?? null; }
  async put(key, value, options) {
    this.calls.push(["put", key, options]);
    if (!(options?.expirationTtl >= 60)) throw new Error("KV PUT failed: 400 Invalid expiration_ttl");
    this.map.set(key, { value, ttl: options.expirationTtl });
  }
  async delete(key) { this.calls.push(["delete", key]); this.map.delete(key); }
  async list({ prefix = "" } = {}) {
    return { keys: [...this.map.keys()].filter((k) => k.startsWith(prefix)).map((name) => ({ name })), list_complete: true };
  }
}

async function dump(store) {
  const { keys } = await store.list({ prefix: "" });
  return Promise.all(keys.map(async ({ name }) => [name, await store.get(name)]));
}

for (const [label, makeStore] of [["MemoryStore", () => new MemoryStore()], ["hand-written KV", () => new HandWrittenKV()]]) {
  test(`full lifecycle with ${label}`, async () => {
    const store = makeStore();
    const userId = "alice@example.com";
    const first = await saveToken(store, userId, { role: "admin" }, config);
    assert.deepEqual(Object.keys(first).sort(), ["accessToken", "expiresIn", "refreshExpiresIn", "refreshToken"]);
    assert.equal(first.expiresIn, 600);
    assert.equal(first.refreshExpiresIn, 7200);

    // Keys hide the user id; values hold no token, only a 64-hex hash.
    const entries = await dump(store);
    assert.equal(entries.length, 1);
    const [key, value] = entries[0];
    assert.match(key, /^rt:[A-Za-z0-9_-]{43}$/);
    assert.ok(!key.includes("alice"));
    assert.ok(!value.includes(first.refreshToken) && !value.includes(first.accessToken));
    assert.ok(!value.includes(first.refreshToken.split(".")[2]), "no signature in the value");
    const record = JSON.parse(value);
    assert.equal(record.v, 1);
    assert.match(record.hash, /^[0-9a-f]{64}$/);

    const claims = await verifyRefreshToken(store, first.refreshToken, config);
    assert.equal(claims.sub, userId);
    assert.equal(claims.role, "admin");

    // A second login supersedes the first: revoked, and the newer session survives.
    const second = await saveToken(store, userId, { role: "admin" }, config);
    await assert.rejects(verifyRefreshToken(store, first.refreshToken, config), { code: "ERR_REFRESH_TOKEN_REVOKED", name: "RefreshTokenRevokedError" });
    await verifyRefreshToken(store, second.refreshToken, config);

    // Rotation keeps custom claims; replaying a rotated token revokes the session.
    const b = await rotateRefreshToken(store, second.refreshToken, config);
    const access = verifyAccessToken(b.accessToken, config.accessSecret, { issuer: config.issuer, audience: "api" });
    assert.equal(access.role, "admin");
    assert.equal(access.sub, userId);
    const c = await rotateRefreshToken(store, b.refreshToken, config);
    await assert.rejects(rotateRefreshToken(store, second.refreshToken, config), (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.code, "ERR_REFRESH_TOKEN_REUSED");
      assert.equal(e.name, "RefreshTokenReusedError");
      return true;
    });
    await assert.rejects(verifyRefreshToken(store, c.refreshToken, config), { code: "ERR_REFRESH_TOKEN_REVOKED" });

    // Grace: a second tab refreshing with the just-retired token gets the same pair; with
    // gracePeriod 0 it is reuse straight away; the period is bounded.
    const racing = await saveToken(store, userId, {}, config);
    const tab1 = await rotateRefreshToken(store, racing.refreshToken, config);
    const tab2 = await rotateRefreshToken(store, racing.refreshToken, config);
    assert.deepEqual(tab2, tab1);
    const strict = { ...config, gracePeriod: 0 };
    const f = await saveToken(store, userId, {}, strict);
    await rotateRefreshToken(store, f.refreshToken, strict);
    await assert.rejects(rotateRefreshToken(store, f.refreshToken, strict), { code: "ERR_REFRESH_TOKEN_REUSED" });
    await assert.rejects(saveToken(store, userId, {}, { ...config, gracePeriod: "1h" }), { code: "ERR_CONFIG" });

    // Revoke: garbage is fine (RFC 7009), a live token ends its session, revokeUser ends all.
    await revokeRefreshToken(store, "garbage", config);
    const d = await saveToken(store, userId, {}, config);
    await revokeRefreshToken(store, d.refreshToken, config);
    await assert.rejects(verifyRefreshToken(store, d.refreshToken, config), { code: "ERR_REFRESH_TOKEN_REVOKED" });
    const e = await saveToken(store, "bob", {}, config);
    await revokeUser(store, "bob", config);
    await assert.rejects(verifyRefreshToken(store, e.refreshToken, config), { code: "ERR_REFRESH_TOKEN_REVOKED" });
    assert.equal((await dump(store)).length, 0);
  });
}

test("the hand-written store sees KV-legal TTLs and only opaque keys", async () => {
  const store = new HandWrittenKV();
  await saveToken(store, "carol", {}, { ...config, refreshTtl: 60 });
  const puts = store.calls.filter(([op]) => op === "put");
  assert.equal(puts.length, 1, "a login is one write");
  assert.equal(puts[0][2].expirationTtl, 60);
  assert.ok(store.calls.every(([, key]) => !key.includes("carol")));
});

test("a failing store surfaces as ERR_STORE_UNAVAILABLE, a 429 as ERR_RATE_LIMITED", async () => {
  const broken = { get: async () => { throw new Error("network down"); }, put: async () => {}, delete: async () => {} };
  const pair = await saveToken(broken, "dave", {}, config);
  await assert.rejects(verifyRefreshToken(broken, pair.refreshToken, config), { code: "ERR_STORE_UNAVAILABLE" });
  const limited = { get: async () => null, put: async () => { throw new Error("KV PUT failed: 429 Too Many Requests"); }, delete: async () => {} };
  await assert.rejects(saveToken(limited, "dave", {}, config), (e) => e.code === "ERR_RATE_LIMITED" && e.retryAfter === 1);
});

test("bad arguments are clear errors, never crashes", async () => {
  const store = new MemoryStore();
  await assert.rejects(saveToken({}, "u", {}, config), { code: "ERR_INVALID_REQUEST" });
  await assert.rejects(saveToken(store, "", {}, config), { code: "ERR_INVALID_REQUEST" });
  await assert.rejects(saveToken(store, "u", { exp: 1 }, config), { code: "ERR_INVALID_REQUEST" });
  await assert.rejects(saveToken(store, "u", [1, 2], config), { code: "ERR_INVALID_REQUEST" });
  await assert.rejects(saveToken(store, "u", {}, { ...config, hashKey: config.accessSecret }), { code: "ERR_CONFIG" });
  await assert.rejects(saveToken(store, "u", {}, { ...config, refreshSecret: "short" }), (e) => e.code === "ERR_CONFIG" && /refreshSecret/.test(e.message));
  await assert.rejects(saveToken(store, "u", {}, { ...config, refreshTtl: 30 }), { code: "ERR_CONFIG" });
  await assert.rejects(saveToken(store, "u", {}, null), { code: "ERR_CONFIG" });
  await assert.rejects(verifyRefreshToken(store, "x".repeat(100_000), config), { code: "ERR_TOKEN_MALFORMED" });
  await assert.rejects(store.put("k", "v", { expirationTtl: 59 }), { code: "ERR_INTERNAL" });
});

test("TokenService prepares the config once and offers the same operations", async () => {
  const service = new TokenService(config);
  const store = new MemoryStore();
  const pair = await service.saveToken(store, "erin", { plan: "pro" });
  assert.equal(service.verifyAccessToken(pair.accessToken).plan, "pro");
  const next = await service.rotateRefreshToken(store, pair.refreshToken);
  assert.equal((await service.verifyRefreshToken(store, next.refreshToken)).sub, "erin");
  const token = service.generateAccessToken({ sub: "x" });
  assert.equal(decodeToken(token).payload.iss, config.issuer);
  assert.throws(() => new TokenService({ ...config, accessSecret: 1 }), { code: "ERR_CONFIG" });
  await service.revokeUser(store, "erin");
  assert.equal(store.size, 0);
});
