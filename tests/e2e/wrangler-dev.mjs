// Starts the real Worker under `wrangler dev` (local workerd + local KV) for end-to-end tests:
// a free port, a fresh --persist-to directory, secrets from a temporary env file, and a stop
// that ends the whole process group (wrangler, workerd, any build it started).
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');

// No telemetry, no update checks: these machines are offline and tests must not phone home.
export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  NO_COLOR: '1',
};

export function randomSecrets() {
  const secret = () => randomBytes(32).toString('base64url');
  return {
    ACCESS_TOKEN_SECRET: secret(),
    REFRESH_TOKEN_SECRET: secret(),
    TOKEN_HASH_KEY: secret(),
    ISSUER_API_KEY: secret(),
  };
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Starts `wrangler dev` for the project's Worker, or for another `wrangler.toml` (`config`). */
export async function startWorker(secrets = randomSecrets(), { config } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'edge-tokens-e2e-'));
  const persistTo = join(dir, 'state');
  const envFile = join(dir, 'secrets.env');
  await writeFile(
    envFile,
    Object.entries(secrets).map(([k, v]) => `${k}=${v}\n`).join(''),
    { mode: 0o600 },
  );
  const port = await freePort();
  const inspectorPort = await freePort();
  const child = spawn(
    WRANGLER,
    [
      'dev', '--ip', '127.0.0.1', '--port', String(port),
      '--inspector-port', String(inspectorPort), '--persist-to', persistTo,
      '--env-file', envFile, '--show-interactive-dev-session=false', '--log-level', 'log',
      ...(config ? ['--config', config] : []),
    ],
    { cwd: ROOT, env: WRANGLER_ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let logs = '';
  child.stdout.on('data', (d) => { logs += d; });
  child.stderr.on('data', (d) => { logs += d; });
  const exited = new Promise((ok) => child.once('exit', ok));
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const cleanup = async () => {
    await stop();
    await rm(dir, { recursive: true, force: true });
  };

  while (true) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${logs}`);
    if (Date.now() - started > 90_000) {
      await cleanup();
      throw new Error(`wrangler dev did not answer /healthz in 90 s:\n${logs}`);
    }
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    base,
    secrets,
    persistTo,
    startupMs: Date.now() - started,
    logs: () => logs,
    stop,
    cleanup,
  };
}

const run = promisify(execFile);

/** `wrangler kv key list/get --local` against a --persist-to directory. */
export async function kv(persistTo, ...args) {
  const { stdout } = await run(
    WRANGLER,
    ['kv', 'key', ...args, '--binding', 'REFRESH_TOKENS', '--local', '--persist-to', persistTo],
    { cwd: ROOT, env: WRANGLER_ENV, maxBuffer: 16 << 20 },
  );
  return stdout;
}
