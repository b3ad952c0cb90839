import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SandboxContext } from '../context.ts';
import { issuerOf } from '../context.ts';
import type { ClientRecord } from '../store/clients.ts';
import { signingKey } from './token-issuer.ts';

/**
 * OIDC Core §3.3.2.11 c_hash / s_hash and §3.1.3.6 at_hash: base64url of the left-most half of
 * the hash of the value's octets, with the hash of the ID token's alg (SHA-256 for PS256 and
 * ES256). Codes and tokens are ASCII; a state need not be, and is hashed as UTF-8 (Node's
 * 'ascii' encoding would drop the high byte of each character).
 */
export function leftHalfHash(value: string): string {
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

/** The alg the client registered for ID tokens (OIDC Registration §2), if the sandbox signs with it. */
function idTokenAlg(client: ClientRecord): 'PS256' | 'ES256' {
  return client.metadata.id_token_signed_response_alg === 'ES256' ? 'ES256' : 'PS256';
}

/** Sign an ID token (OIDC Core §2): iss, sub, aud = client id, exp, iat, auth_time, nonce, hashes. */
export async function signIdToken(ctx: SandboxContext, claims: IdTokenClaims): Promise<string> {
  const now = ctx.clock.nowSeconds();
  const own = claims.client.metadata.ext_id_token_lifetime;
  const ttl = typeof own === 'number' && own > 0 ? own : ctx.config.tokens.idTokenTtl;
  const key = signingKey(ctx, idTokenAlg(claims.client));
  return new SignJWT({
    azp: claims.client.clientId,
    auth_time: now,
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
