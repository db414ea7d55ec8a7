// Tokens made here verify with jose, and tokens made by jose verify here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignJWT, jwtVerify, decodeProtectedHeader } from "jose";
import { generateAccessToken, verifyAccessToken, generateRefreshToken } from "edge-tokens";

const secret = "0123456789abcdef0123456789abcdef-jose";
const key = new TextEncoder().encode(secret);

test("edge-tokens -> jose, for each HMAC algorithm", async () => {
  for (const algorithm of ["HS256", "HS384", "HS512"]) {
    const longSecret = secret.repeat(2);
    const token = generateAccessToken({ sub: "u1", role: "admin" }, longSecret, {
      algorithm, issuer: "https://issuer.example", audience: "api", expiresIn: "5m", keyId: "k1",
    });
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(longSecret), {
      algorithms: [algorithm], typ: "at+jwt", issuer: "https://issuer.example", audience: "api",
    });
    assert.equal(protectedHeader.kid, "k1");
    assert.equal(payload.sub, "u1");
    assert.equal(payload.role, "admin");
    assert.equal(payload.exp - payload.iat, 300);
    assert.equal(typeof payload.jti, "string");
  }
});

test("jose -> edge-tokens", async () => {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ role: "reader", nested: { a: [1, 2] } })
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
    .setSubject("u2").setIssuer("iss").setAudience(["api", "other"])
    .setIssuedAt(now).setExpirationTime(now + 60).setJti("j-1")
    .sign(key);
  const claims = verifyAccessToken(token, secret, { issuer: "iss", audience: "api" });
  assert.deepEqual(claims, {
    sub: "u2", iss: "iss", aud: ["api", "other"], iat: now, exp: now + 60, jti: "j-1",
    role: "reader", nested: { a: [1, 2] },
  });
});

test("jose tokens typed JWT, untyped, or with another alg are refused", async () => {
  const now = Math.floor(Date.now() / 1000);
  const build = (header) => new SignJWT({}).setProtectedHeader(header).setExpirationTime(now + 60).sign(key);
  for (const header of [{ alg: "HS256", typ: "JWT" }, { alg: "HS256" }]) {
    const token = await build(header);
    assert.throws(() => verifyAccessToken(token, secret), { code: "ERR_TOKEN_INVALID", name: "TokenInvalidError" });
  }
  const hs512 = await new SignJWT({}).setProtectedHeader({ alg: "HS512", typ: "at+jwt" })
    .setExpirationTime(now + 60).sign(new TextEncoder().encode(secret.repeat(2)));
  assert.throws(() => verifyAccessToken(hs512, secret.repeat(2)), { code: "ERR_TOKEN_INVALID" });
  assert.ok(verifyAccessToken(hs512, secret.repeat(2), { algorithm: "HS512" }));
});

test("refresh tokens carry their own typ and are refused as access tokens", async () => {
  const refreshSecret = "refresh-secret-refresh-secret-refresh";
  const token = generateRefreshToken({ sub: "u3" }, refreshSecret);
  assert.equal(decodeProtectedHeader(token).typ, "rt+jwt");
  assert.throws(() => verifyAccessToken(token, refreshSecret), { code: "ERR_TOKEN_INVALID" });
  await assert.rejects(
    jwtVerify(token, new TextEncoder().encode(refreshSecret), { typ: "at+jwt" }),
  );
});
