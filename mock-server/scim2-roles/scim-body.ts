import type { Context } from 'hono';
import { parseBoundedJson } from '../http/bounded-json.ts';
import { DESC_BAD_REQUEST, badSyntax, formatNotSupported } from './scim-errors.ts';

/** AbstractResource.isValidContentType: the formats the SCIM2 endpoints take, compared ignoring case. */
const INPUT_FORMATS = ['application/json', 'application/scim+json', 'application/*'];

const isValidContentType = (format: string) => format === '*/*' || INPUT_FORMATS.includes(format.toLowerCase());

/** AbstractResource.isValidInputFormat: a format with a charset is valid only with `charset=utf-8`. */
function isValidInputFormat(format: string): boolean {
  // (isCharsetDefined, the product's first test, is implied: the parameter must be charset=utf-8.)
  const [type, charset] = format.split(';');
  if (charset !== undefined && charset.trim().toLowerCase() === 'charset=utf-8') return isValidContentType(type!.trim());
  return isValidContentType(format);
}

/** The parsed text, or undefined when it is not JSON (or beyond the sandbox's bounds). */
function parseOrUndefined(text: string): unknown {
  try {
    return parseBoundedJson(text);
    // Stryker disable next-line BlockStatement: an emptied catch block also answers undefined.
  } catch {
    return undefined;
  }
}

/**
 * A SCIM request body as a JSON object (bounded like every JSON the sandbox parses). RoleResourceV2
 * refuses a missing or other Content-Type with 406 (RFC 7644 §3.1 names `application/scim+json`; the
 * connectors send `application/json`); charon's `new JSONObject(...)` fails on anything but an object,
 * and the JSONException is INVALID_SYNTAX with the detail DESC_BAD_REQUEST. Faults
 * `ismgmt.roles-any-content-type`, `ismgmt.roles-body-not-object-empty`.
 */
export async function readScimObject(c: Context, faults: { has(name: string): boolean }): Promise<Record<string, unknown>> {
  const format = c.req.header('content-type');
  if (!faults.has('ismgmt.roles-any-content-type')) {
    if (format === undefined) throw formatNotSupported('Content-Type not present in the request header');
    if (!isValidInputFormat(format)) throw formatNotSupported(`${format} is not supported.`);
  }
  const parsed = parseOrUndefined(await c.req.text());
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    if (faults.has('ismgmt.roles-body-not-object-empty')) return {};
    throw badSyntax(DESC_BAD_REQUEST);
  }
  return parsed as Record<string, unknown>;
}
