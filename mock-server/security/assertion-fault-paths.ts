import { decodeJwt, decodeProtectedHeader, type JWK, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { MAX_JSON_DEPTH } from '../http/bounded-json.ts';

/**
 * Code only a fault switch reaches in client-assertion.ts: the defects those switches put in,
 * measured by the self-test (not mutated, stryker.config.mjs).
 */

/** The fault `limits.unbounded-json`: jose's own decoding, without the depth bound. */
export function unboundedDecode(jwt: string): { header: ProtectedHeaderParameters; claims: JWTPayload } {
  return { header: decodeProtectedHeader(jwt), claims: decodeJwt(jwt) };
}

/**
 * The fault `limits.naive-nesting-scan`: every bracket of the header and payload counted, inside
 * strings too, so a claim that merely holds brackets reads as nested too deep (JWT-21 rules it out).
 */
export function naiveNestingTooDeep(jwt: string): boolean {
  return jwt.split('.').slice(0, 2).some((part) => {
    let depth = 0;
    let deepest = 0;
    for (const ch of Buffer.from(part, 'base64url').toString('utf8')) {
      if (ch === '[' || ch === '{') deepest = Math.max(deepest, ++depth);
      else if (ch === ']' || ch === '}') depth--;
    }
    return deepest > MAX_JSON_DEPTH;
  });
}

/**
 * The fault `token.accept-eddsa-under-fapi` lets EdDSA through the allow-list (JWT-04): then an
 * OKP Ed25519 key fits it (RFC 8037 §3.1).
 */
export function eddsaKeyFits(jwk: JWK): boolean {
  return jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && (jwk.alg === undefined || jwk.alg === 'EdDSA');
}
