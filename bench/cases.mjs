// The benchmark cases, shared by the Node run (bench/node.mjs) and the workerd run
// (bench/workerd/worker.mjs): HS256 sign / verify and token hashing, each measured against a
// hand-written node:crypto implementation in the same run. Prints a table; asserts nothing
// (timings on shared machines are too noisy for pass/fail).

const secret = "bench-secret-bench-secret-bench-secret!";
const claims = { sub: "user-1234", role: "admin", scope: "read write" };

/** Builds the cases from the runtime's libraries (passed in, so each runtime imports its own). */
export async function benchGroups({ createHmac, Buffer, jose, fastJwt, et }) {
  const secretBytes = new TextEncoder().encode(secret);
  const b64url = (buf) => Buffer.from(buf).toString("base64url");
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "at+jwt" }));
  const nodeSign = () => {
    const now = Math.floor(Date.now() / 1000);
    const input = `${header}.${b64url(JSON.stringify({ ...claims, iat: now, exp: now + 900 }))}`;
    return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
  };
  const nodeVerify = (token) => {
    const i = token.lastIndexOf(".");
    const sig = createHmac("sha256", secret).update(token.slice(0, i)).digest("base64url");
    if (sig !== token.slice(i + 1)) throw new Error("bad signature");
    const payload = JSON.parse(Buffer.from(token.slice(token.indexOf(".") + 1, i), "base64url"));
    if (payload.exp < Date.now() / 1000) throw new Error("expired");
    return payload;
  };
  const joseSign = () => new jose.SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
    .setIssuedAt().setExpirationTime("15m").sign(secretBytes);

  const service = new et.TokenService({ accessSecret: secret, refreshSecret: `${secret}-r`, hashKey: `${secret}-h` });
  const fastSign = fastJwt?.createSigner({ key: secret, algorithm: "HS256", header: { typ: "at+jwt" }, expiresIn: 900_000 });
  const fastVerify = fastJwt?.createVerifier({ key: secret, algorithms: ["HS256"], cache: false });
  const token = nodeSign();
  const joseToken = await joseSign();
  const ourToken = et.generateAccessToken(claims, secret);

  const optional = (entries) => Object.fromEntries(entries.filter(([, fn]) => fn));
  return {
    "sign HS256": optional([
      ["node:crypto (baseline)", () => nodeSign()],
      ["edge-tokens generateAccessToken", () => et.generateAccessToken(claims, secret)],
      ["edge-tokens TokenService", () => service.generateAccessToken(claims)],
      ["fast-jwt", fastSign && (() => fastSign(claims))],
      ["jose", joseSign],
    ]),
    "verify HS256": optional([
      ["node:crypto (baseline)", () => nodeVerify(token)],
      ["edge-tokens verifyAccessToken", () => et.verifyAccessToken(ourToken, secret)],
      ["edge-tokens TokenService", () => service.verifyAccessToken(ourToken)],
      ["fast-jwt", fastVerify && (() => fastVerify(token))],
      ["jose", () => jose.jwtVerify(joseToken, secretBytes)],
    ]),
    "hash refresh token": {
      "node:crypto (baseline)": () => createHmac("sha256", secret).update(ourToken).digest("hex"),
      "edge-tokens hashToken": () => et.hashToken(ourToken, secret),
    },
  };
}

async function measure(fn, budgetMs) {
  for (let i = 0; i < 200; i++) await fn(); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    for (let i = 0; i < 100; i++) await fn();
    n += 100;
  }
  return (n * 1000) / (performance.now() - start);
}

/** Runs every case and returns the Markdown table, one line per string. */
export async function benchTable(groups, budgetMs) {
  const lines = ["| operation | implementation | ops/s | ratio to node:crypto |", "|---|---|---:|---:|"];
  for (const [group, impls] of Object.entries(groups)) {
    let base;
    for (const [name, fn] of Object.entries(impls)) {
      const ops = await measure(fn, budgetMs);
      base ??= ops;
      lines.push(`| ${group} | ${name} | ${Math.round(ops).toLocaleString("en")} | ${(ops / base).toFixed(2)} |`);
    }
  }
  return lines;
}
