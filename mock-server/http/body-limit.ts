import { clearTimeout, setTimeout } from 'node:timers';
import type { Context, MiddlewareHandler } from 'hono';
import { readUpTo } from './bounded-stream.ts';

/**
 * What is still read, and dropped, of a refused body after the limit: RFC 9112 §9.6
 * ("lingering close"). A server that answers and closes while the client is still sending makes
 * the client's TCP stack reset the connection, which can discard the answer it had not read yet.
 */
export const LINGER_BYTES = 8 * 1024 * 1024;
export const LINGER_MS = 2_000;

/** Read the rest of a refused body, within the linger bounds (a client that stops sending is not waited for). */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), LINGER_MS);
  });
  try {
    for (let dropped = 0; dropped <= LINGER_BYTES;) {
      const chunk = await Promise.race([reader.read(), expired]);
      if (chunk === undefined) break;
      if (chunk.done) return;
      dropped += chunk.value.byteLength;
    }
    await reader.cancel();
  } finally {
    clearTimeout(timer);
  }
}

/** A chunked body, counted as its bytes arrive (RFC 9112 §7.1): kept for the handler, or refused once over `maxSize`. */
async function countChunked(c: Context, maxSize: number, onError: () => never, linger: boolean): Promise<void> {
  const body = c.req.raw.body;
  if (!body) return;
  const bytes = await readUpTo(body, maxSize, linger ? drain : (reader) => reader.cancel());
  if (bytes === undefined) onError();
  c.req.raw = new Request(c.req.raw, { body: new Uint8Array(bytes) });
}

/**
 * Refuse request bodies over `maxSize` bytes. A body with a Content-Length (and no
 * Transfer-Encoding, RFC 9112 §6.3) is judged by that header alone; a chunked body is counted as it
 * arrives. The rest of a refused body is read and dropped (bounded) before the answer.
 */
export function bodyLimit(options: {
  maxSize: number;
  onError: () => never;
  /** false: no lingering close (fault limits.no-lingering-close). */
  linger: boolean;
  /** false: every chunked body is refused (fault limits.no-chunked-bodies). */
  chunked: boolean;
}): MiddlewareHandler {
  return async (c, next) => {
    // Stryker disable next-line LogicalOperator,StringLiteral: a body-less request passes the count as well; the shortcut saves work only.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    // Node refuses Content-Length with Transfer-Encoding (400) before the app runs.
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      // A malformed length is the HTTP parser's to refuse; Node answers 400 before the app runs.
      if (Number.parseInt(length, 10) <= options.maxSize) return next();
      // Judged by the header alone; what the client is still sending is dropped, within the
      // linger bounds, before the answer (RFC 9112 §9.6), as for a chunked body.
      const body = c.req.raw.body;
      if (body && options.linger) await drain(body.getReader());
      return options.onError();
    }
    if (!options.chunked) return options.onError();
    await countChunked(c, options.maxSize, options.onError, options.linger);
    return next();
  };
}
