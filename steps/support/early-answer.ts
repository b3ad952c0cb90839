import { request } from 'node:https';
import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { HttpResponse } from './http-client.ts';

/**
 * POST a body the server may refuse before reading it (413 on a declared Content-Length), and read
 * that answer. A server that answers early may close the connection while the body is still being
 * written (RFC 9110 §15.5.14, RFC 9112 §9.6); the client then sees EPIPE or ECONNRESET on its
 * write but must still read the response. undici rejects the request on the write error, so
 * this uses node:https, which delivers the response all the same. `chunked` sends the body without
 * a Content-Length, in 64 KiB chunks (RFC 9112 §7.1), so the server can only count what arrives.
 */
export function postWithEarlyAnswer(url: string, caPem: string, headers: Record<string, string>, body: Buffer, chunked = false): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const framing = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) };
    let answered = false;
    const req = request(url, { method: 'POST', ca: caPem, agent: false, headers: { ...headers, ...framing } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
        let json: unknown;
        try {
          json = (out['content-type'] ?? '').includes('json') && text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ method: 'POST', url, status: res.statusCode ?? 0, headers: out, text, json });
      });
    });
    // The write may fail once the server has answered and closed; the answer still arrives. A
    // connection that closes without one fails the step at once instead of at its timeout.
    let lastError: Error | undefined;
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? (lastError = e) : reject(e)));
    req.on('close', () => {
      if (!answered) reject(new Error(`the connection closed without an answer${lastError ? ` (${lastError.message})` : ''}`));
    });
    if (!chunked) return void req.end(body);
    const CHUNK = 64 * 1024;
    const writeFrom = (offset: number): void => {
      if (req.destroyed) return;
      if (offset >= body.length) return void req.end();
      // Wait for each chunk to drain, so the server reads (and may refuse) while the client still sends.
      if (req.write(body.subarray(offset, offset + CHUNK))) writeFrom(offset + CHUNK);
      else req.once('drain', () => writeFrom(offset + CHUNK));
    };
    writeFrom(0);
  });
}

/** How long after its last byte the late reader waits: enough for a reset to arrive on loopback. */
const READ_DELAY_MS = 500;

/**
 * POST a body (with its Content-Length, or `chunked` without one), the whole of it, and only then
 * read the answer: a client that does not read while it sends, and is slow to read after (RFC 9112
 * §9.6). A server that answers early and closes without reading the rest makes this client's TCP
 * stack reset the connection, which discards the answer unread; the resolved response then has
 * status 0 and says what happened in `text`.
 */

export function postReadingLate(url: string, caPem: string, headers: Record<string, string>, body: Buffer, chunked = false): Promise<HttpResponse> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const done = (failure?: string) => {
      if (settled) return;
      settled = true;
      const raw = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1];
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const out: Record<string, string> = {};
      for (const line of head.split('\r\n').slice(1)) {
        const at = line.indexOf(':');
        if (at > 0) out[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      const text = status ? rest.join('\r\n\r\n') : `no answer was read${failure ? ` (${failure})` : ''}`;
      resolve({ method: 'POST', url, status: status ? Number(status) : 0, headers: out, text, json: undefined });
    };
    const sock = connect({ host: u.hostname, port: Number(u.port || 443), ca: caPem, ...(isIP(u.hostname) ? {} : { servername: u.hostname }) }, () => {
      sock.pause();
      const framing = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) };
      const head = Object.entries({ host: u.host, ...headers, ...framing, connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      sock.write(`POST ${u.pathname}${u.search} HTTP/1.1\r\n${head}\r\n`);
      // RFC 9112 §7.1: one chunk per 64 KiB, then the last chunk.
      const CHUNK = 64 * 1024;
      if (chunked) {
        const parts: Buffer[] = [];
        for (let at = 0; at < body.length; at += CHUNK) {
          const piece = body.subarray(at, at + CHUNK);
          parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
        }
        parts.push(Buffer.from('0\r\n\r\n'));
        body = Buffer.concat(parts);
      }
      // Read only once the last byte has been handed to the network, and a moment later: long
      // enough for a reset caused by an unread body to arrive first.
      sock.end(body, () => {
        setTimeout(() => {
          sock.on('data', (d: Buffer) => chunks.push(d));
          sock.resume();
        }, READ_DELAY_MS);
      });
    });
    sock.on('error', (e) => done(e.message));
    sock.on('close', () => done());
    sock.setTimeout(30_000, () => sock.destroy(new Error('no answer within 30 s')));
  });
}
