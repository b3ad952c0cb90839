import type { Context } from 'hono';
import type { WireError } from '../errors/wire-error.ts';
import { parseBoundedJson, type UnsafeJsonError } from './bounded-json.ts';

/** The media type of a request, lower-case, without parameters. */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Read a JSON object body. Every failure (wrong media type, not JSON, not an object) becomes the
 * caller's error type, so each surface answers in its own wire format.
 */
export async function readJsonObject(c: Context, fail: (description: string, status?: number) => WireError): Promise<Record<string, unknown>> {
  if (mediaType(c) !== 'application/json') {
    throw fail(`Unsupported Content-Type "${c.req.header('content-type') ?? ''}"; expected application/json`, 415);
  }
  const text = await c.req.text();
  let parsed: unknown;
  try {
    parsed = parseBoundedJson(text);
  } catch (e) {
    // parseBoundedJson throws nothing else; its reason says what is wrong.
    throw fail(`Request body is refused: ${(e as UnsafeJsonError).reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail('Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/**
 * OAuth request parameters (RFC 6749 §3.1, §3.2), from a query string or a form body: "Request and
 * response parameters MUST NOT be included more than once", and "Parameters sent without a value
 * MUST be treated as if they were omitted from the request".
 */
export function oauthParameters(params: URLSearchParams, fail: (description: string) => WireError): Map<string, string> {
  const values = new Map<string, string>();
  const seen = new Set<string>();
  for (const [k, v] of params) {
    if (seen.has(k)) throw fail(`Parameter ${k} is included more than once`);
    seen.add(k);
    if (v !== '') values.set(k, v);
  }
  return values;
}

/** Read an application/x-www-form-urlencoded body of OAuth parameters (oauthParameters). */
export async function readForm(c: Context, fail: (description: string, status?: number) => WireError): Promise<Map<string, string>> {
  if (mediaType(c) !== 'application/x-www-form-urlencoded') {
    throw fail('Request must be application/x-www-form-urlencoded');
  }
  return oauthParameters(new URLSearchParams(await c.req.text()), fail);
}
