import { compactVerify, type JWK } from 'jose';
import { isSigningKey, keyFitsAlg, publicKeyOf } from '../security/client-keys.ts';
import { tryDecodeCompactJws, type DecodedJws } from '../security/compact-jws.ts';

export type { DecodedJws };

/** RFC 7515 §7.1: three base64url parts with a bounded JSON header and object payload; undefined otherwise. */
export function decodeJws(value: string): DecodedJws | undefined {
  return tryDecodeCompactJws(value);
}

export type VerifyOutcome = 'ok' | 'no-key' | 'bad-signature';

/**
 * Verify with one of `keys` (chosen by kid when the header has one), for the algorithms allowed.
 * Keys come from the caller only: `jku`, `x5u`, `x5c` and `jwk` headers are never used (RFC 8725 §3.10).
 */
export async function verifyWithKeys(d: DecodedJws, keys: readonly JWK[], algorithms: readonly string[]): Promise<VerifyOutcome> {
  // Stryker disable next-line StringLiteral: any string that names no algorithm is refused alike.
  const alg = d.header.alg ?? '';
  // Stryker disable next-line StringLiteral: no caller gets here with another alg: each checks it first (checkRequestAlgorithm) or passes keys naming their alg, which keyFitsAlg holds to.
  if (!algorithms.includes(alg)) return 'no-key';
  const candidates = keys
    .filter((k) => d.header.kid === undefined || k.kid === d.header.kid)
    .filter(isSigningKey)
    .filter((k) => keyFitsAlg(k, alg));
  if (candidates.length === 0) return 'no-key';
  for (const jwk of candidates) {
    const key = publicKeyOf(jwk);
    if (!key) continue;
    try {
      // Stryker disable next-line ObjectLiteral: the alg is on the allow-list and the key fits it (filters above), so the option restricts nothing more.
      await compactVerify(d.jws, key, { algorithms: [alg] });
      return 'ok';
    } catch {
      // next candidate
    }
  }
  return 'bad-signature';
}

export const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
