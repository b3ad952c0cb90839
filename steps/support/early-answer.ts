import { request } from 'node:https';
import type { HttpResponse } from './http-client.ts';

/**
 * POST a body the server may refuse before reading it (413 on a declared Content-Length), and read
 * that answer. A server that answers early may close the connection while the body is still being
 * written (RFC 9110 §15.5.14, RFC 9112 §9.6); the client then sees EPIPE or ECONNRESET on its
 * write but must still read the response. undici rejects the request on the write error, so
 * this uses node:https, which delivers the response all the same.
 */
export function postWithEarlyAnswer(url: string, caPem: string, headers: Record<string, string>, body: Buffer): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca: caPem, agent: false, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
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
    // The write may fail once the server has answered and closed; the answer still arrives.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    req.end(body);
  });
}
