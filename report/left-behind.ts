/**
 * What the harness created on a target and could not delete. The After hook of the worker that
 * tried attaches one note per object to its scenario (so the notes travel in the cucumber
 * messages, from every worker and every shard); the run's summary lists them.
 */
import type { Envelope } from '@cucumber/messages';

export const LEFT_BEHIND_MEDIA_TYPE = 'application/vnd.ob-conformance.left-behind+json';

export interface LeftBehind {
  /** What it is: an IS DCR client, an OB DCR registration, a key manager, ... */
  kind: string;
  id: string;
  /** Why the delete failed: the status it answered, or the error. */
  why: string;
}

export function leftBehindIn(envelopes: readonly Envelope[]): LeftBehind[] {
  const out: LeftBehind[] = [];
  for (const e of envelopes) {
    const a = e.attachment;
    if (!a || a.mediaType !== LEFT_BEHIND_MEDIA_TYPE) continue;
    const body = String(a.contentEncoding) === 'BASE64' ? Buffer.from(a.body, 'base64').toString('utf8') : a.body;
    out.push(JSON.parse(body) as LeftBehind);
  }
  return out;
}
