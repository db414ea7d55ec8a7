// Runs the benchmark inside workerd under `wrangler dev` and prints its table. Locally
// Date.now() advances during CPU work (in production it does not), so timings are real.
import { join } from "node:path";

import { ROOT, startWorker } from "../tests/e2e/wrangler-dev.mjs";

const budgetMs = Number(process.env.BENCH_MS ?? 700);
const worker = await startWorker(undefined, { config: join(ROOT, "bench/workerd/wrangler.toml") });
try {
  const res = await fetch(`${worker.base}/bench?ms=${budgetMs}`);
  console.log(`workerd (wrangler dev), ${budgetMs} ms per row\n`);
  console.log(await res.text());
} finally {
  await worker.cleanup();
}
