import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import type { ClientRecord } from '../store/clients.ts';

/**
 * The public keys a client registered (RFC 7591 §2 `jwks`), or those at its registered `jwks_uri`
 * (Open Banking DCR clients: the SSA's software JWKS, DCR-SSA-12). Keys come only from the
 * registration: a JWT's `jku`, `x5u`, `x5c` or `jwk` header never supplies or locates a key
 * (RFC 8725 §3.10).
 *
 * `jwks_uri` clients: fetching a URL the client chose is an SSRF vector, so a URL is resolved only
 * by the sandbox's own resolver (ctx.jwksUris, mock-server/directory/jwks-resolver.ts: an
 * allow-list, the sandbox's own test directory in-process, other allowed URLs fetched and cached).
 */
export type KeyLookup = { ok: true; keys: JWK[] } | { ok: false; reason: string };

/** How one sandbox resolves a jwks_uri: from what it holds, and by refreshing a stale remote set first. */
export interface JwksUriResolver {
  lookup(uri: string): KeyLookup;
  /** Re-read a remote set that is stale, or that lacks `kid` (a key the client has rotated in). */
  refresh(uri: string, kid?: string): Promise<void>;
}

/** Before verifying a jwks_uri client's JWT (whose header names `kid`): make its key set current. */
export async function refreshRegisteredKeys(resolver: JwksUriResolver, client: ClientRecord, kid?: string): Promise<void> {
  const m = client.metadata;
  if (m.jwks !== undefined || typeof m.jwks_uri !== 'string') return;
  await resolver.refresh(m.jwks_uri, kid);
}

export function registeredKeys(resolver: JwksUriResolver, client: ClientRecord): KeyLookup {
  const m = client.metadata;
  if (m.jwks && typeof m.jwks === 'object' && Array.isArray((m.jwks as { keys?: unknown }).keys)) {
    const keys = ((m.jwks as { keys: unknown[] }).keys).filter((k): k is JWK => typeof k === 'object' && k !== null && !Array.isArray(k));
    return { ok: true, keys };
  }
  if (typeof m.jwks_uri === 'string') return resolver.lookup(m.jwks_uri);
  return { ok: false, reason: 'the client registered no jwks' };
}

/** RFC 7517 §4.2: a key marked for encryption never verifies a signature (DISC-13). */
export function isSigningKey(jwk: JWK): boolean {
  return jwk.use === undefined || jwk.use === 'sig';
}

/** The key type and curve an algorithm needs (RFC 7518 §3.1); a mismatch is JWT-05. */
export function keyFitsAlg(jwk: JWK, alg: string): boolean {
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (alg === 'PS256' || alg === 'RS256') return jwk.kty === 'RSA';
  if (alg === 'ES256') return jwk.kty === 'EC' && jwk.crv === 'P-256';
  return false;
}

/**
 * Parsed public keys by JWK. A stable KeyObject per registered key lets jose reuse the CryptoKey
 * it derives from it (its own per-KeyObject cache), instead of an export and import on every
 * verification. Bounded: cleared when full.
 */
const publicKeys = new Map<string, KeyObject | undefined>();
const MAX_CACHED_KEYS = 1024;
/** The same, by JWK object: a stored client's metadata is parsed once (store/clients.ts). */
const byObject = new WeakMap<JWK, KeyObject | undefined>();

/** Node public key of a JWK, or undefined when it is not a usable public key. */
export function publicKeyOf(jwk: JWK): KeyObject | undefined {
  // Stryker disable next-line ConditionalExpression: a cache: the key parsed again is the same key.
  if (byObject.has(jwk)) return byObject.get(jwk);
  const key = publicKeyOfText(jwk);
  // Stryker disable next-line ConditionalExpression: only stored (frozen) metadata is kept, and no JWK object changes after it is parsed: caching more or none gives the same keys.
  if (Object.isFrozen(jwk)) byObject.set(jwk, key);
  return key;
}

function publicKeyOfText(jwk: JWK): KeyObject | undefined {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  const id = JSON.stringify(pub);
  // Stryker disable next-line ConditionalExpression: a cache keyed by the JWK's text: parsed again, the same key.
  if (publicKeys.has(id)) return publicKeys.get(id);
  let key: KeyObject | undefined;
  try {
    key = createPublicKey({ key: pub as import('node:crypto').JsonWebKey, format: 'jwk' });
  } catch {
    // Not a usable public key: key stays undefined.
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's bound: clearing it sooner, later or never changes no key, only memory.
  if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.clear();
  publicKeys.set(id, key);
  return key;
}

/** Whether two public keys are the same key (DER SPKI equality). */
export function sameKey(a: KeyObject, b: KeyObject): boolean {
  return a.export({ format: 'der', type: 'spki' }).equals(b.export({ format: 'der', type: 'spki' }));
}
