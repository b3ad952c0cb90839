import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { compactVerify } from 'jose';
import { tryDecodeCompactJws } from '../security/compact-jws.ts';
import type { SandboxContext } from '../context.ts';
import { jwtTokenId, opaqueTokenId, type TokenRecord } from '../store/tokens.ts';

/**
 * Find the stored record of a token value, whatever its kind: a JWT access token signed by the
 * sandbox (keyed by its jti, after its signature verifies), or an opaque access or refresh token
 * (keyed by its hash). RFC 7662 §2.1 and RFC 7009 §2.1: the type hint never narrows the search.
 */
export async function findToken(ctx: SandboxContext, value: string): Promise<TokenRecord | undefined> {
  const jti = await verifiedJti(ctx, value);
  if (jti !== undefined) return ctx.store.tokens.get(jwtTokenId(jti));
  return ctx.store.tokens.get(opaqueTokenId(value));
}

/** The jti of a JWT the sandbox signed, or undefined when `value` is not one. */
async function verifiedJti(ctx: SandboxContext, value: string): Promise<string | undefined> {
  const decoded = tryDecodeCompactJws(value);
  // Stryker disable next-line ConditionalExpression: without this return, reading the header of nothing throws into the catch below, which answers undefined too.
  if (!decoded) return undefined;
  try {
    const { kid, alg } = decoded.header;
    // Stryker disable next-line LogicalOperator,ConditionalExpression: the sandbox holds one key per alg (loadOrCreateServerKeys), and compactVerify refuses any other key, so a looser match verifies nothing more.
    const key = ctx.keys.find((k) => k.kid === kid && k.alg === alg);
    // Stryker disable next-line ConditionalExpression: without it, key.kid of nothing throws into the catch below, which answers undefined too.
    if (!key) return undefined;
    // Stryker disable next-line ObjectLiteral: the key was found by the header's alg, so the header alg is always key.alg and the allow-list restricts nothing more.
    await compactVerify(value, publicKeyOf(key.kid, key.publicJwk), { algorithms: [key.alg] });
    const jti = decoded.claims.jti;
    // Stryker disable next-line ConditionalExpression: the sandbox's JWTs carry a string jti or (ID tokens) none; an id made of anything else is in the store no more than the JWT's hash.
    return typeof jti === 'string' ? jti : undefined;
  // Stryker disable next-line BlockStatement: the function answers undefined when the catch block is empty too.
  } catch {
    return undefined;
  }
}

/** Active: known, not revoked, not expired (RFC 7662 §2.2, §4). */
export function isActive(ctx: SandboxContext, token: TokenRecord): boolean {
  if (token.revokedAt !== undefined && !ctx.faults.has('token.revoked-still-active')) return false;
  // RFC 7519 §4.1.4: expired on the second of exp. Fault token.active-at-exp: still active then.
  return token.expiresAt > ctx.clock.nowSeconds() || (ctx.faults.has('token.active-at-exp') && token.expiresAt === ctx.clock.nowSeconds());
}

/** Public keys of the sandbox's signing keys, by kid (a kid is a key thumbprint, so never reused). */
const publicKeys = new Map<string, KeyObject>();
function publicKeyOf(kid: string, jwk: object): KeyObject {
  let key = publicKeys.get(kid);
  // Stryker disable next-line ConditionalExpression: a cache: creating the key object again gives the same key.
  if (!key) {
    key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    publicKeys.set(kid, key);
  }
  return key;
}
