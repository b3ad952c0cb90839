import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SandboxContext } from '../context.ts';
import { issuerOf } from '../context.ts';
import type { ClientRecord } from '../store/clients.ts';
import { signingKey } from './token-issuer.ts';

/**
 * OIDC Core §3.3.2.11 c_hash / s_hash and §3.1.3.6 at_hash: base64url of the left-most half of
 * the hash of the value's octets, with the hash of the ID token's alg (SHA-256 for PS256, ES256
 * and RS256). Codes and tokens are ASCII; a state need not be, and is hashed as UTF-8 (Node's
 * 'ascii' encoding would drop the high byte of each character).
 */
export function leftHalfHash(value: string): string {
  // Stryker disable next-line StringLiteral: Hash.update encodes a string as UTF-8 when no encoding is given, the same.
  const digest = createHash('sha256').update(value, 'utf8').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

export interface IdTokenClaims {
  client: ClientRecord;
  subject: string;
  nonce?: string | undefined;
  /** c_hash, s_hash, at_hash as the response carries them. */
  hashes?: Partial<Record<'c_hash' | 's_hash' | 'at_hash', string>>;
}

/**
 * OIDC Registration §2 (WSO2-AUTHZ-12): the ID token is signed with the client's
 * id_token_signed_response_alg; registration refuses an alg the profile does not sign with. When
 * the client named none: RS256, the spec's default, where the profile offers it (generic), else
 * PS256 (FAPI1-Adv §8.6).
 */
export function idTokenAlg(ctx: SandboxContext, client: ClientRecord): string {
  if (ctx.faults.has('authorize.id-token-ignores-registered-alg')) return 'PS256';
  const registered = client.metadata.id_token_signed_response_alg;
  return typeof registered === 'string' && ctx.keys.some((k) => k.alg === registered) ? registered : defaultIdTokenAlg(ctx);
}

/** The ID token alg of a client that named none: RS256 where the profile signs with it, else PS256. */
export function defaultIdTokenAlg(ctx: SandboxContext): string {
  return ctx.keys.some((k) => k.alg === 'RS256') ? 'RS256' : 'PS256';
}

/** Sign an ID token (OIDC Core §2): iss, sub, aud = client id, exp, iat, auth_time, nonce, hashes. */
export async function signIdToken(ctx: SandboxContext, claims: IdTokenClaims): Promise<string> {
  const now = ctx.clock.nowSeconds();
  const own = claims.client.metadata.ext_id_token_lifetime;
  const ttl = typeof own === 'number' && own > 0 ? own : ctx.config.tokens.idTokenTtl;
  const key = signingKey(ctx, idTokenAlg(ctx, claims.client));
  return new SignJWT({
    azp: claims.client.clientId,
    auth_time: now,
    // Stryker disable next-line ConditionalExpression: a nonce of undefined is left out of the JSON payload all the same.
    ...(claims.nonce !== undefined ? { nonce: claims.nonce } : {}),
    ...claims.hashes,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(issuerOf(ctx))
    .setSubject(claims.subject)
    .setAudience(claims.client.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(key.privateKey);
}
