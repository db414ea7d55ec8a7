// Throughput of HS256 sign / verify and of token hashing in Node, as ratios against a
// hand-written node:crypto implementation measured in the same run. Prints a table; asserts
// nothing (timings on shared machines are too noisy for pass/fail).
import { createHmac } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { createSigner, createVerifier } from "fast-jwt";
import { generateAccessToken, verifyAccessToken, hashToken, TokenService } from "edge-tokens";

const secret = "bench-secret-bench-secret-bench-secret!";
const secretBytes = new TextEncoder().encode(secret);
const claims = { sub: "user-1234", role: "admin", scope: "read write" };
const budgetMs = Number(process.env.BENCH_MS ?? 700);

function b64url(buf) { return Buffer.from(buf).toString("base64url"); }
const nodeHeader = b64url(JSON.stringify({ alg: "HS256", typ: "at+jwt" }));
function nodeSign() {
  const now = Math.floor(Date.now() / 1000);
  const body = b64url(JSON.stringify({ ...claims, iat: now, exp: now + 900 }));
  const input = `${nodeHeader}.${body}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}
function nodeVerify(token) {
  const i = token.lastIndexOf(".");
  const sig = createHmac("sha256", secret).update(token.slice(0, i)).digest("base64url");
  if (sig !== token.slice(i + 1)) throw new Error("bad signature");
  const payload = JSON.parse(Buffer.from(token.slice(token.indexOf(".") + 1, i), "base64url"));
  if (payload.exp < Date.now() / 1000) throw new Error("expired");
  return payload;
}

async function measure(fn) {
  for (let i = 0; i < 200; i++) await fn(); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    for (let i = 0; i < 100; i++) await fn();
    n += 100;
  }
  return (n * 1000) / (performance.now() - start);
}

const service = new TokenService({ accessSecret: secret, refreshSecret: secret + "-r", hashKey: secret + "-h" });
const fastSign = createSigner({ key: secret, algorithm: "HS256", header: { typ: "at+jwt" }, expiresIn: 900_000 });
const fastVerify = createVerifier({ key: secret, algorithms: ["HS256"], cache: false });
const token = nodeSign();
const joseToken = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "at+jwt" }).setIssuedAt().setExpirationTime("15m").sign(secretBytes);
const ourToken = generateAccessToken(claims, secret);

const groups = {
  "sign HS256": {
    "node:crypto (baseline)": () => nodeSign(),
    "edge-tokens generateAccessToken": () => generateAccessToken(claims, secret),
    "edge-tokens TokenService": () => service.generateAccessToken(claims),
    "fast-jwt": () => fastSign(claims),
    "jose": () => new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "at+jwt" }).setIssuedAt().setExpirationTime("15m").sign(secretBytes),
  },
  "verify HS256": {
    "node:crypto (baseline)": () => nodeVerify(token),
    "edge-tokens verifyAccessToken": () => verifyAccessToken(ourToken, secret),
    "edge-tokens TokenService": () => service.verifyAccessToken(ourToken),
    "fast-jwt": () => fastVerify(token),
    "jose": () => jwtVerify(joseToken, secretBytes),
  },
  "hash refresh token": {
    "node:crypto (baseline)": () => createHmac("sha256", secret).update(ourToken).digest("hex"),
    "edge-tokens hashToken": () => hashToken(ourToken, secret),
  },
};

console.log(`Node ${process.version}, ${budgetMs} ms per row\n`);
console.log("| operation | implementation | ops/s | ratio to node:crypto |");
console.log("|---|---|---:|---:|");
for (const [group, impls] of Object.entries(groups)) {
  let base;
  for (const [name, fn] of Object.entries(impls)) {
    const ops = await measure(fn);
    base ??= ops;
    console.log(`| ${group} | ${name} | ${Math.round(ops).toLocaleString("en")} | ${(ops / base).toFixed(2)} |`);
  }
}
