import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import type { ClientRecord } from '../store/clients.ts';

/**
 * The public keys a client registered (RFC 7591 §2 `jwks`). Keys come only from the registration:
 * a JWT's `jku`, `x5u`, `x5c` or `jwk` header never supplies or locates a key (RFC 8725 §3.10).
 *
 * `jwks_uri` clients: fetching a URL the client chose is an SSRF vector, so the sandbox would only
 * fetch from an allow-list of hosts. There is no allow-list yet, so such clients cannot
 * authenticate with a key; the failure reason says so.
 */
export type KeyLookup = { ok: true; keys: JWK[] } | { ok: false; reason: string };

export function registeredKeys(client: ClientRecord): KeyLookup {
  const m = client.metadata;
  if (m.jwks && typeof m.jwks === 'object' && Array.isArray((m.jwks as { keys?: unknown }).keys)) {
    const keys = ((m.jwks as { keys: unknown[] }).keys).filter((k): k is JWK => typeof k === 'object' && k !== null && !Array.isArray(k));
    return { ok: true, keys };
  }
  if (typeof m.jwks_uri === 'string') {
    return { ok: false, reason: `keys at jwks_uri ${m.jwks_uri} are not fetched: no jwks_uri host is on the sandbox's allow-list` };
  }
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

/** Node public key of a JWK, or undefined when it is not a usable public key. */
export function publicKeyOf(jwk: JWK): KeyObject | undefined {
  try {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
    return createPublicKey({ key: pub as import('node:crypto').JsonWebKey, format: 'jwk' });
  } catch {
    return undefined;
  }
}

/** Whether two public keys are the same key (DER SPKI equality). */
export function sameKey(a: KeyObject, b: KeyObject): boolean {
  return a.export({ format: 'der', type: 'spki' }).equals(b.export({ format: 'der', type: 'spki' }));
}
