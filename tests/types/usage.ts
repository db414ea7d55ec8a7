// Compiled with `tsc --noEmit` in strict mode: the declarations must be precise enough that
// correct use compiles and mistakes (marked @ts-expect-error) do not.
import {
  MemoryStore, TokenService, generateAccessToken, verifyAccessToken, saveToken,
  rotateRefreshToken, decodeToken, hashToken,
  type SessionConfig, type TokenPair, type VerifiedClaims, type KVLike, type EdgeTokensError,
} from "edge-tokens";

const config: SessionConfig = {
  accessSecret: "a".repeat(32),
  refreshSecret: new Uint8Array(32),
  hashKey: "h".repeat(32),
  accessTtl: "15m",
  refreshTtl: 3600,
  gracePeriod: "10s",
};

export async function flow(kv: KVLike): Promise<number> {
  const pair: TokenPair = await saveToken(kv, "user", { role: "admin" }, config);
  const next = await rotateRefreshToken(new MemoryStore(), pair.refreshToken, config);
  const claims: VerifiedClaims = verifyAccessToken(next.accessToken, config.accessSecret);
  const exp: number = claims.exp;
  const token: string = generateAccessToken({ sub: "x" }, "s".repeat(32));
  const header = decodeToken(token).header.typ;
  const hex: string = hashToken(token, "k".repeat(32));
  const service = new TokenService(config);
  const own: string = service.generateAccessToken({ sub: "y" });
  return exp + pair.expiresIn + (header?.length ?? 0) + hex.length + own.length;
}

export function mistakes(err: EdgeTokensError): void {
  // @ts-expect-error: secrets are strings or bytes, not numbers
  generateAccessToken({}, 42);
  // @ts-expect-error: unknown algorithm
  generateAccessToken({}, "s", { algorithm: "none" });
  // @ts-expect-error: config needs all three secrets
  void saveToken(new MemoryStore(), "u", {}, { accessSecret: "a" });
  // @ts-expect-error: codes are a closed set
  const code: "ERR_NOPE" = err.code;
  void code;
}
