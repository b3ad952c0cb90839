import { createHmac, sign, constants, type KeyObject } from 'node:crypto';

/**
 * Compact JWS serialization (RFC 7515 §7.1) by hand, so the negative scenarios can produce any
 * header, even a nonsensical one (alg none, HS256 keyed with a public key, a mismatched alg), which
 * a JOSE library rightly refuses to sign.
 */

/** base64url of a string, or of a value's JSON. */
export const b64u = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** RFC 7518 §3: sign the JWS signing input with the algorithm the caller names. */
export function signInput(input: string, alg: string, key: KeyObject | Buffer): Buffer {
  const data = Buffer.from(input);
  if (alg === 'none') return Buffer.alloc(0);
  // RFC 8037 §3.1: EdDSA signs the input itself, no pre-hash.
  if (alg === 'EdDSA') return sign(null, data, key as KeyObject);
  const m = /^(PS|RS|ES|HS)(256|384|512)$/.exec(alg);
  if (!m) throw new Error(`cannot sign ${alg}`);
  const [, family, bits] = m as unknown as [string, string, string];
  const hash = `sha${bits}`;
  switch (family) {
    case 'HS':
      return createHmac(hash, key as Buffer).update(data).digest();
    case 'PS':
      return sign(hash, data, { key: key as KeyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 });
    case 'RS':
      return sign(hash, data, key as KeyObject);
    default:
      return sign(hash, data, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' });
  }
}

export function compactJws(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject | Buffer, alg: string): string {
  const input = `${b64u(header)}.${b64u(payload)}`;
  return `${input}.${signInput(input, alg, key).toString('base64url')}`;
}
