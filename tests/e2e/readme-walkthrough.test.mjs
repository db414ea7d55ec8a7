// The README's curl walkthrough runs as written against a real wrangler dev, and prints what
// its trailing `# comments` promise.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { ROOT, startWorker } from './wrangler-dev.mjs';

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.cleanup(); });

test('README curl walkthrough', async () => {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const script = readme.match(/### Walkthrough with curl[\s\S]*?```sh\n([\s\S]*?)```/)?.[1];
  assert.ok(script, 'walkthrough block not found');
  const promised = script.split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .map((line) => line.match(/\s#\s(.+)$/)?.[1])
    .filter(Boolean);
  assert.ok(promised.length >= 5, `only ${promised.length} checked outputs`);

  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: ROOT,
    env: { ...process.env, BASE: worker.base, API_KEY: worker.secrets.ISSUER_API_KEY },
  });
  // curl prints bodies without a trailing newline, so compare with whitespace removed.
  const squash = (s) => s.replace(/\s+/g, '');
  assert.equal(squash(stdout), squash(promised.join('')));
});
