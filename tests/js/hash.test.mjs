// hashToken must equal Node's createHmac('sha256', key).update(token).digest('hex').
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes, randomInt } from "node:crypto";
import { hashToken } from "edge-tokens";

function randomText() {
  // Mix ASCII, multi-byte UTF-8 and astral characters, including empty strings.
  const alphabet = ["a", "Z", "0", ".", "-", "_", "é", "ß", "€", "漢", "😀", " ", "\n", "\u0000"];
  let s = "";
  for (let i = randomInt(0, 300); i > 0; i--) s += alphabet[randomInt(alphabet.length)];
  return s;
}

test("hashToken equals createHmac for random string keys and tokens", () => {
  for (let i = 0; i < 500; i++) {
    const key = randomBytes(randomInt(32, 100)).toString("base64");
    const token = randomText();
    assert.equal(hashToken(token, key), createHmac("sha256", key).update(token).digest("hex"));
  }
});

test("hashToken equals createHmac for random byte keys, including keys longer than a block", () => {
  for (let i = 0; i < 500; i++) {
    const key = new Uint8Array(randomBytes(randomInt(32, 200)));
    const token = randomBytes(randomInt(0, 400)).toString("base64url");
    const hex = hashToken(token, key);
    assert.match(hex, /^[0-9a-f]{64}$/);
    assert.equal(hex, createHmac("sha256", key).update(token).digest("hex"));
  }
});

test("short or mistyped keys are refused with ERR_CONFIG", () => {
  for (const key of ["short", new Uint8Array(31), 42, null, undefined, {}]) {
    assert.throws(() => hashToken("t", key), (e) => e instanceof Error && e.code === "ERR_CONFIG" && e.name === "ConfigError");
  }
});
