import type { Context } from 'hono';
import { mediaType } from '../http/request-body.ts';
import { parseBoundedJson } from '../http/bounded-json.ts';
import { badSyntax, unsupportedMediaType } from './scim-errors.ts';

/** RFC 7644 §3.1: SCIM bodies are `application/scim+json`; the connectors send `application/json`. */
const MEDIA_TYPES = ['application/scim+json', 'application/json'];

/** A SCIM request body as a JSON object (bounded like every JSON the sandbox parses). */
export async function readScimObject(c: Context): Promise<Record<string, unknown>> {
  if (!MEDIA_TYPES.includes(mediaType(c))) throw unsupportedMediaType(c.req.header('content-type') ?? '');
  let parsed: unknown;
  try {
    parsed = parseBoundedJson(await c.req.text());
  } catch {
    throw badSyntax('The request body is not a valid JSON object.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badSyntax('The request body is not a valid JSON object.');
  return parsed as Record<string, unknown>;
}
