import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import { parseBoundedJsonObject, UnsafeJsonError } from '../http/bounded-json.ts';

/**
 * The one decoder of compact JWS values a request carries (client assertions, grant assertions,
 * SSAs, registration requests, request objects, access tokens presented back): RFC 7515 §7.1
 * form, then header and payload as bounded JSON objects (http/bounded-json.ts), before any member
 * is looked at. Nothing here is verified.
 */
export interface DecodedJws {
  jws: string;
  header: ProtectedHeaderParameters;
  claims: JWTPayload;
}

/** Longest compact JWS accepted: a request body's limit. */
export const MAX_JWS_CHARS = 64 * 1024;

const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export class MalformedJwsError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
    this.name = 'MalformedJwsError';
    this.reason = reason;
  }
}

function part(segment: string, what: string): Record<string, unknown> {
  try {
    return parseBoundedJsonObject(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch (e) {
    throw new MalformedJwsError(`the ${what} cannot be decoded: ${e instanceof UnsafeJsonError ? e.reason : 'not JSON'}`);
  }
}

/** Decode a compact JWS; throws MalformedJwsError (JWT-14), never anything else. */
export function decodeCompactJws(value: string): DecodedJws {
  if (value.length > MAX_JWS_CHARS) throw new MalformedJwsError(`the JWS is longer than ${MAX_JWS_CHARS} characters`);
  if (!COMPACT.test(value)) throw new MalformedJwsError('the value is not a compact JWS');
  const [h, p] = value.split('.') as [string, string, string];
  return { jws: value, header: part(h, 'JOSE header') as ProtectedHeaderParameters, claims: part(p, 'payload') as JWTPayload };
}

/** decodeCompactJws, or undefined for any malformed value. */
export function tryDecodeCompactJws(value: string): DecodedJws | undefined {
  try {
    return decodeCompactJws(value);
  } catch {
    return undefined;
  }
}
