// `wrangler deploy --dry-run` bundles the Worker exactly as a real deploy would, offline.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

import { ROOT, WRANGLER_ENV } from './wrangler-dev.mjs';

test('wrangler deploy --dry-run bundles the Worker offline; upload size printed', async () => {
  const outdir = await mkdtemp(join(tmpdir(), 'edge-tokens-deploy-'));
  try {
    const { stdout, stderr } = await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--outdir', outdir],
      { cwd: ROOT, env: WRANGLER_ENV },
    );
    const output = stdout + stderr;
    assert.match(output, /--dry-run: exiting now/);
    assert.match(output, /env\.REFRESH_TOKENS/);
    const files = (await readdir(outdir)).filter((f) => /\.(wasm|js)$/.test(f));
    assert.ok(files.some((f) => f.endsWith('.wasm')) && files.includes('shim.js'), files.join());
    const rows = [];
    for (const file of files) {
      const bytes = await readFile(join(outdir, file));
      rows.push({ file: file.replace(/^[0-9a-f]{40}-/, ''), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    }
    const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
    console.log('Worker upload (wrangler deploy --dry-run)');
    for (const r of [...rows, { file: 'total', ...total }]) {
      console.log(`  ${r.file.padEnd(16)} ${String(r.raw).padStart(8)} B raw ${String(r.gzip).padStart(8)} B gzip`);
    }
    console.log(`  wrangler says: ${output.match(/Total Upload: .*/)?.[0]}`);
    // Workers' free plan caps a compressed upload at 3 MiB; stay far below it.
    assert.ok(total.gzip < 1 << 20, `gzip upload ${total.gzip} B`);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});
