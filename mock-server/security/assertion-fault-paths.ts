import { constants, verify as verifyRaw, type KeyObject } from 'node:crypto';
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

/**
 * The fault `token.accept-small-rsa-keys` verifies PS256/RS256 itself, since jose refuses RSA keys
 * under 2048 bits on its own (RFC 7518 §3.3, §3.5).
 */
export function verifiesWithSmallRsaKey(jwt: string, key: KeyObject, alg: string): boolean {
  const [h, p, sig] = jwt.split('.');
  const data = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(sig ?? '', 'base64url');
  if (alg === 'PS256') return verifyRaw('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
  if (alg === 'RS256') return verifyRaw('sha256', data, key, signature);
  return false;
}
