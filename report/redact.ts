/**
 * The last guard of "secrets are never printed": every string of every message is scrubbed of
 * the target's secrets before a report is written from it. The steps already never print a
 * secret on purpose; this catches what a server echoes back into an assertion message.
 */
import type { Envelope } from '@cucumber/messages';

export const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are not scrubbed: a short value ("admin") would also blank out
 * ordinary words of the report. Such values can only be literals in a target file, which are for
 * test systems.
 */
export const MIN_REDACTED_LENGTH = 6;

export type Redact = <T>(value: T) => T;

/** A function that returns a deep copy of a value with every secret replaced by [redacted]. */
export function redactor(secrets: readonly string[]): Redact {
  const list = [...new Set(secrets.filter((s) => s.length >= MIN_REDACTED_LENGTH))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (v) => v;
  const scrub = (s: string) => (list.some((x) => s.includes(x)) ? list.reduce((acc, x) => acc.replaceAll(x, REDACTED), s) : s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return <T>(value: T) => walk(value) as T;
}

/** Base64 attachments are decoded, scrubbed and encoded again. */
export function redactEnvelope(envelope: Envelope, redact: Redact): Envelope {
  const a = envelope.attachment;
  if (a && String(a.contentEncoding) === 'BASE64') {
    const text = Buffer.from(a.body, 'base64').toString('utf8');
    const clean = redact(text);
    if (clean !== text) return redact({ ...envelope, attachment: { ...a, body: Buffer.from(clean).toString('base64') } });
  }
  return redact(envelope);
}
