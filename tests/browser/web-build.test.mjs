// The `edge-tokens/web` build in real headless Chromium: it loads, signs, verifies, hashes
// like Node's createHmac, and keeps a session in MemoryStore.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { createHmac } from "node:crypto";
import { join, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "pkg");
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
let server, browser, origin;

before(async () => {
  server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>edge-tokens</title>");
      return;
    }
    try {
      const body = await readFile(join(pkgDir, path.replace(/^\/+/, "").replaceAll("..", "")));
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("web build works in headless Chromium", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(origin + "/");
  const key = "browser-key-browser-key-browser-key!";
  const result = await page.evaluate(async (key) => {
    const et = await import("/web/edge_tokens.js");
    await et.default();
    const token = et.generateAccessToken({ sub: "in-browser", n: 1 }, key, { expiresIn: "5m" });
    const claims = et.verifyAccessToken(token, key);
    let code = null;
    try { et.verifyAccessToken(token, key + "-other"); } catch (e) { code = e.code; }
    const store = new et.MemoryStore();
    const config = { accessSecret: key, refreshSecret: key + "-r", hashKey: key + "-h" };
    const pair = await et.saveToken(store, "u", { role: "viewer" }, config);
    const next = await et.rotateRefreshToken(store, pair.refreshToken, config);
    const access = et.verifyAccessToken(next.accessToken, key);
    return { sub: claims.sub, ttl: claims.exp - claims.iat, code, hash: et.hashToken("tok", key), role: access.role };
  }, key);
  assert.deepEqual(errors, []);
  assert.equal(result.sub, "in-browser");
  assert.equal(result.ttl, 300);
  assert.equal(result.code, "ERR_TOKEN_INVALID");
  assert.equal(result.role, "viewer");
  assert.equal(result.hash, createHmac("sha256", key).update("tok").digest("hex"));
  await page.close();
});
