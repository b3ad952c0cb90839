import type { Context } from 'hono';
import { ApimError } from '../errors/apim-error.ts';
import { badRequest } from '../errors/apim-exception-codes.ts';
import { mediaType } from './request-body.ts';

/**
 * A JSON object body of an APIM REST call, failing as the product's JSON provider does
 * (apim-surface §1.3 rule 4): empty, malformed, or not an object.
 */
export async function readApimJson(c: Context): Promise<Record<string, unknown>> {
  if (mediaType(c) !== 'application/json') {
    throw new ApimError(415, 'Unsupported Media Type', `Unsupported Content-Type "${c.req.header('content-type') ?? ''}"; expected application/json`);
  }
  const text = await c.req.text();
  if (text.trim() === '') throw badRequest('Request payload cannot be empty.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('Malformed request body.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('One or more request body parameters contain disallowed values.');
  }
  return parsed as Record<string, unknown>;
}

/** Jackson's FAIL_ON_UNKNOWN_PROPERTIES: the first property the DTO does not declare. */
export function refuseUnknownProperties(body: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(body).find((k) => !known.includes(k));
  if (unknown !== undefined) throw badRequest(`Unrecognized property '${unknown}'`);
}
