/** A secret: a string (its UTF-8 bytes are used) or raw bytes. At least 32 bytes. */
export type Secret = string | Uint8Array;
/** A lifetime: seconds, or a string such as "90s", "15m", "12h", "7d". */
export type Duration = number | string;
/** The supported signing algorithms. */
export type Algorithm = "HS256" | "HS384" | "HS512";

/** Claims of a token: registered names are typed, anything else is yours. */
export interface Claims {
  sub?: string;
  iss?: string;
  aud?: string | string[];
  exp?: number;
  iat?: number;
  nbf?: number;
  jti?: string;
  /** Session id (tokens issued by saveToken / rotateRefreshToken). */
  sid?: string;
  /** Rotation counter (refresh tokens). */
  rot?: number;
  [claim: string]: unknown;
}

/** Claims of a verified token; `exp` is always present. */
export interface VerifiedClaims extends Claims {
  exp: number;
}

export interface SignOptions {
  /** Lifetime; default 15 minutes for access tokens, 30 days for refresh tokens. */
  expiresIn?: Duration;
  issuer?: string;
  audience?: string | string[];
  algorithm?: Algorithm;
  keyId?: string;
  /** Let the payload set exp, iat, nbf and jti itself. Default false. */
  allowReservedClaims?: boolean;
}

export interface VerifyOptions {
  /** Required `iss`. */
  issuer?: string;
  /** Required member of `aud`. */
  audience?: string;
  /** The algorithm the key is for; a token with another `alg` is refused. Default HS256. */
  algorithm?: Algorithm;
  /** Required `kid`. */
  keyId?: string;
  /** Seconds of clock skew tolerated. Default 0. */
  leeway?: number;
}

export interface SessionConfig {
  accessSecret: Secret;
  refreshSecret: Secret;
  /** Key for hashing refresh tokens and deriving store keys. */
  hashKey: Secret;
  /** Default "15m". */
  accessTtl?: Duration;
  /** Default "30d"; at least 60 seconds. */
  refreshTtl?: Duration;
  /**
   * How long the refresh token a rotation retired still gets that rotation's pair back
   * (two tabs refreshing at once). Default 15 seconds; 0 turns it off; at most 300.
   */
  gracePeriod?: Duration;
  issuer?: string;
  audience?: string;
  algorithm?: Algorithm;
  leeway?: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  /** Refresh-token lifetime in seconds. */
  refreshExpiresIn: number;
}

export interface DecodedToken {
  header: { alg?: string; typ?: string; kid?: string; [name: string]: unknown };
  payload: Claims;
}

/** Anything shaped like a Workers KV namespace: `env.MY_KV` works as is. */
export interface KVLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
  list?(options?: { prefix?: string; cursor?: string }): Promise<{
    keys: { name: string }[];
    list_complete: boolean;
    cursor?: string;
  }>;
}

export type ErrorCode =
  | "ERR_TOKEN_MALFORMED"
  | "ERR_TOKEN_INVALID"
  | "ERR_TOKEN_EXPIRED"
  | "ERR_TOKEN_NOT_YET_VALID"
  | "ERR_CLAIM_INVALID"
  | "ERR_REFRESH_TOKEN_REVOKED"
  | "ERR_REFRESH_TOKEN_REUSED"
  | "ERR_INVALID_REQUEST"
  | "ERR_UNAUTHORIZED"
  | "ERR_RATE_LIMITED"
  | "ERR_STORE_UNAVAILABLE"
  | "ERR_CONFIG"
  | "ERR_INTERNAL";

/** Every error thrown by edge-tokens is an `Error` with a stable `code`. */
export interface EdgeTokensError extends Error {
  code: ErrorCode;
  /** Seconds to wait, on ERR_RATE_LIMITED. */
  retryAfter?: number;
}
