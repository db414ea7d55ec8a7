// The demo page, served by wrangler dev as static assets, in headless Chromium: it loads the
// package's web build, logs in through the API, rotates, and shows reuse detection.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchChromium } from '../browser/chromium.mjs';
import { startWorker } from './wrangler-dev.mjs';

let worker;
let browser;
before(async () => {
  worker = await startWorker();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await worker?.cleanup();
});

test('demo page logs in, decodes with the package, rotates and shows reuse detection', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${worker.base}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });

  await page.fill('#api-key', worker.secrets.ISSUER_API_KEY);
  await page.fill('#user-id', 'demo-user');
  await page.click('#login button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#access').textContent.includes('demo-user'));
  const access = JSON.parse(await page.textContent('#access'));
  assert.equal(access.header.typ, 'at+jwt');
  assert.equal(access.payload.role, 'admin');

  await page.click('#userinfo');
  await page.click('#refresh');
  await page.waitForFunction(() => document.querySelector('#refresh-rot').textContent.includes('rotation 1'));
  await page.click('#race');
  await page.waitForFunction(() => document.querySelector('#refresh-rot').textContent.includes('rotation 2'));
  await page.click('#replay');
  await page.waitForFunction(() => document.querySelector('#log').textContent.includes('ERR_REFRESH_TOKEN_REUSED'));
  const log = await page.textContent('#log');
  assert.match(log, /GET \/v1\/userinfo → 200/);
  // Both tabs stay logged in (the pairs are identical unless a second boundary split them).
  assert.match(log, /both tabs stay logged in → 200/);
  assert.deepEqual(errors, []);
});
