// The benchmark inside workerd: the npm package through its `workerd` export condition.
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import * as jose from "jose";
import * as fastJwt from "fast-jwt";
import * as et from "edge-tokens";

import { benchGroups, benchTable } from "../cases.mjs";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return Response.json({ status: "ok" });
    const budgetMs = Number(url.searchParams.get("ms") ?? 700);
    const groups = await benchGroups({ createHmac, Buffer, jose, fastJwt, et });
    const lines = await benchTable(groups, budgetMs);
    return new Response(`${lines.join("\n")}\n`);
  },
};
