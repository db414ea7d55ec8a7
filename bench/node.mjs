// The benchmark in Node (see bench/cases.mjs).
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import * as jose from "jose";
import * as fastJwt from "fast-jwt";
import * as et from "edge-tokens";

import { benchGroups, benchTable } from "./cases.mjs";

const budgetMs = Number(process.env.BENCH_MS ?? 700);
console.log(`Node ${process.version}, ${budgetMs} ms per row\n`);
const groups = await benchGroups({ createHmac, Buffer, jose, fastJwt, et });
for (const line of await benchTable(groups, budgetMs)) console.log(line);
