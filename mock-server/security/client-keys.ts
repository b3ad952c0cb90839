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
 * by a key source a sandbox installed (mock-server/directory/jwks-resolver.ts: an allow-list, the
 * sandbox's own test directory in-process, other allowed URLs fetched ahead and cached).
 */
export type KeyLookup = { ok: true; keys: JWK[] } | { ok: false; reason: string };

/** Resolves a jwks_uri synchronously; undefined when the URI is not this source's to answer. */
export type JwksSource = (uri: string) => KeyLookup | undefined;

/** Brings a remote key set into the source's cache before a synchronous lookup needs it. */
export type JwksRefresher = (uri: string) => Promise<void>;

const jwksSources: JwksSource[] = [];
const jwksRefreshers: JwksRefresher[] = [];

/** Install a key source for jwks_uri clients (and how to refresh it); returns its removal. */
export function addJwksSource(source: JwksSource, refresh?: JwksRefresher): () => void {
  jwksSources.push(source);
  if (refresh) jwksRefreshers.push(refresh);
  return () => {
    const i = jwksSources.indexOf(source);
    if (i >= 0) jwksSources.splice(i, 1);
    const j = refresh ? jwksRefreshers.indexOf(refresh) : -1;
    if (j >= 0) jwksRefreshers.splice(j, 1);
  };
}

/** Before verifying a jwks_uri client's JWT: make its key set current (remote sets expire). */
export async function refreshRegisteredKeys(client: ClientRecord): Promise<void> {
  const m = client.metadata;
  if (m.jwks !== undefined || typeof m.jwks_uri !== 'string') return;
  const uri = m.jwks_uri;
  await Promise.all(jwksRefreshers.map((refresh) => refresh(uri)));
}

function keysAtUri(uri: string): KeyLookup {
  let failure: KeyLookup | undefined;
  for (const source of jwksSources) {
    const r = source(uri);
    if (r?.ok) return r;
    failure ??= r;
  }
  return failure ?? { ok: false, reason: `keys at jwks_uri ${uri} are not fetched: no jwks_uri host is on the sandbox's allow-list` };
}

export function registeredKeys(client: ClientRecord): KeyLookup {
  const m = client.metadata;
  if (m.jwks && typeof m.jwks === 'object' && Array.isArray((m.jwks as { keys?: unknown }).keys)) {
    const keys = ((m.jwks as { keys: unknown[] }).keys).filter((k): k is JWK => typeof k === 'object' && k !== null && !Array.isArray(k));
    return { ok: true, keys };
  }
  if (typeof m.jwks_uri === 'string') return keysAtUri(m.jwks_uri);
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

/** Node public key of a JWK, or undefined when it is not a usable public key. */
export function publicKeyOf(jwk: JWK): KeyObject | undefined {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  const id = JSON.stringify(pub);
  if (publicKeys.has(id)) return publicKeys.get(id);
  let key: KeyObject | undefined;
  try {
    key = createPublicKey({ key: pub as import('node:crypto').JsonWebKey, format: 'jwk' });
  } catch {
    key = undefined;
  }
  if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.clear();
  publicKeys.set(id, key);
  return key;
}

/** Whether two public keys are the same key (DER SPKI equality). */
export function sameKey(a: KeyObject, b: KeyObject): boolean {
  return a.export({ format: 'der', type: 'spki' }).equals(b.export({ format: 'der', type: 'spki' }));
}
