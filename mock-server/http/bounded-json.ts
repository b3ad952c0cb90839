/**
 * One bound on every JSON structure the sandbox parses from a request: a JSON body, a JOSE header
 * or payload, a fetched key set. Nesting is measured on the text before JSON.parse runs, so no
 * later recursive walk (JSON.stringify, String(), a deep freeze, a log line) can overflow the
 * stack on a value a client chose (CWE-674). Size is bounded first, so the scan is linear.
 */

/** Deepest nesting of arrays and objects accepted; client metadata and JWTs need fewer than 8. */
export const MAX_JSON_DEPTH = 32;
/** Largest JSON text accepted in characters: the default request body limit. */
export const MAX_JSON_CHARS = 64 * 1024;

export interface JsonLimits {
  maxDepth: number;
  maxChars: number;
}

export const JSON_LIMITS: JsonLimits = { maxDepth: MAX_JSON_DEPTH, maxChars: MAX_JSON_CHARS };

/** A JSON text that is malformed or beyond the limits; `reason` says which, for the caller's error. */
export class UnsafeJsonError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
    this.name = 'UnsafeJsonError';
    this.reason = reason;
  }
}

/** The deepest nesting of `[` and `{` in `text` outside strings, or Infinity once past `stopAt`. */
export function nestingDepth(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: any depth past stopAt returns at once on the next line, so deepest kept as the last depth (at most stopAt) decides the caller's comparison alike.
      if (depth > deepest) deepest = depth;
      if (deepest > stopAt) return Number.POSITIVE_INFINITY;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return deepest;
}

/** JSON.parse within the limits; throws UnsafeJsonError, never a RangeError or SyntaxError. */
export function parseBoundedJson(text: string, limits: JsonLimits = JSON_LIMITS): unknown {
  if (text.length > limits.maxChars) throw new UnsafeJsonError(`the JSON text is longer than ${limits.maxChars} characters`);
  if (nestingDepth(text, limits.maxDepth) > limits.maxDepth) {
    throw new UnsafeJsonError(`the JSON text nests deeper than ${limits.maxDepth} levels`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UnsafeJsonError('the text is not valid JSON');
  }
}

/** parseBoundedJson, for a value that must be a JSON object. */
export function parseBoundedJsonObject(text: string, limits: JsonLimits = JSON_LIMITS): Record<string, unknown> {
  const value = parseBoundedJson(text, limits);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnsafeJsonError('the JSON text is not an object');
  return value as Record<string, unknown>;
}
