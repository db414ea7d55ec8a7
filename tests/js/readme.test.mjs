// Every ```js block of the README runs as written, against the built package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test("the README has JavaScript examples", () => {
  assert.ok(blocks.length >= 2, `found ${blocks.length} js blocks`);
});

// `console.log(x); // "a" "b"` in an example promises that line prints `a b`.
function expectedOutput(code) {
  return [...code.matchAll(/console\.log\(.*\);\s*\/\/\s*(.*)$/gm)].map((m) =>
    m[1].replace(/\(.*\)/, "").replaceAll('"', "").trim(),
  );
}

blocks.forEach((code, i) => {
  test(`README js example ${i + 1} runs and prints what its comments say`, async () => {
    const dir = join(root, "target", "readme-examples");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `example-${i + 1}.mjs`);
    writeFileSync(file, code.replaceAll("console.log(", "globalThis.__readmeLog("));
    const printed = [];
    globalThis.__readmeLog = (...args) => printed.push(args.map(String).join(" "));
    await import(pathToFileURL(file).href);
    const expected = expectedOutput(code);
    assert.ok(expected.length > 0, "example has no checked output");
    assert.deepEqual(printed, expected);
  });
});
