import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 7636 §4.1 / §4.2: 43–128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
export const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export type PkceMethod = 'S256' | 'plain';

/** RFC 7636 §4.2: code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) for S256. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** RFC 7636 §4.6: transform the verifier with the method and compare with the stored challenge. */
export function verifierMatches(verifier: string, challenge: string, method: PkceMethod): boolean {
  const derived = Buffer.from(method === 'S256' ? s256(verifier) : verifier);
  const expected = Buffer.from(challenge);
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}
