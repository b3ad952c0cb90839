import type { Context } from 'hono';
import type { SandboxContext } from '../context.ts';
import { ApimError } from '../errors/apim-error.ts';
import { badRequest } from '../errors/apim-exception-codes.ts';
import { parseBoundedJson } from '../http/bounded-json.ts';
import { mediaType } from '../http/request-body.ts';

/**
 * A JSON body of a portal call, failing as the product's JSON provider does (apim-surface §1.3
 * rule 4), parsed within the sandbox's one depth and size bound (http/bounded-json.ts), so no
 * value the portal walks afterwards (attributes, additional properties) nests without limit.
 */
async function readBounded(ctx: SandboxContext, c: Context): Promise<unknown> {
  // Fault devp.any-media-type: the body is read as JSON whatever the Content-Type.
  if (mediaType(c) !== 'application/json' && !ctx.faults.has('devp.any-media-type')) {
    throw new ApimError(415, 'Unsupported Media Type', `Unsupported Content-Type "${c.req.header('content-type') ?? ''}"; expected application/json`);
  }
  const text = await c.req.text();
  if (text.trim() === '') throw badRequest('Request payload cannot be empty.');
  try {
    return parseBoundedJson(text);
  } catch {
    throw badRequest('Malformed request body.');
  }
}

export async function readPortalJson(ctx: SandboxContext, c: Context): Promise<Record<string, unknown>> {
  const parsed = await readBounded(ctx, c);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('One or more request body parameters contain disallowed values.');
  }
  return parsed as Record<string, unknown>;
}

export async function readPortalJsonArray(ctx: SandboxContext, c: Context): Promise<unknown[]> {
  const parsed = await readBounded(ctx, c);
  if (!Array.isArray(parsed)) throw badRequest('One or more request body parameters contain disallowed values.');
  return parsed;
}
