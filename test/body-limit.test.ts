import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { createSandbox } from '../mock-server/app.ts';
import { loadConfig } from '../mock-server/config.ts';
import { listen, type RunningSandbox } from '../mock-server/listeners.ts';
import { ensureTestPki } from '../pki/test-pki.ts';

/**
 * The body limit over a real HTTPS listener, where @hono/node-server reads bodies straight from
 * the socket: a declared Content-Length is judged by the header, a chunked body (RFC 9112 §7.1)
 * by the bytes that arrive, and a body under the limit reaches the endpoint whole either way.
 */
let running: RunningSandbox;
let ca: string;

before(async () => {
  const pki = await ensureTestPki();
  ca = readFileSync(pki.ca.cert, 'utf8');
  const config = loadConfig({ overrides: { database: ':memory:', ports: { is: 0, apim: 0, gateway: 0 } } });
  running = await listen(await createSandbox({ config, trustedCaPems: [ca], log: () => {} }), {
    cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8'), ca: [ca],
  });
});
after(() => running.close());

interface Answer { status: number; connection: string | undefined; body: string }

/** POST a form body to the token endpoint, with a Content-Length or chunked. */
function post(body: string, framing: 'content-length' | 'chunked'): Promise<Answer> {
  const url = new URL('/oauth2/token', running.urls.is);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      ca,
      agent: false,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(framing === 'content-length' ? { 'content-length': Buffer.byteLength(body) } : { 'transfer-encoding': 'chunked' }),
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: text }));
    });
    // The server may answer and close before the whole body is sent.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    if (framing === 'chunked') {
      for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.slice(at, at + 16 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

describe('request body limit over HTTPS', () => {
  test('a declared length over the limit is refused with 413, judged by the header, the body dropped', async () => {
    const res = await post('x'.repeat(64 * 1024 + 1), 'content-length');
    assert.equal(res.status, 413);
    assert.equal(res.connection, 'close');
    assert.equal(JSON.parse(res.body).error, 'invalid_request');
  });

  test('a chunked body over the limit is refused with 413 as its bytes arrive', async () => {
    const res = await post('y'.repeat(200 * 1024), 'chunked');
    assert.equal(res.status, 413);
    assert.equal(res.connection, 'close');
    assert.equal(JSON.parse(res.body).error_description, 'Request body exceeds the limit of 65536 bytes');
  });

  test('a body under the limit gets the same answer chunked as with a Content-Length', async () => {
    // Duplicated parameters are refused (RFC 6749 §3.1), which shows the body was read and parsed.
    const form = `grant_type=client_credentials&scope=a&scope=b&padding=${'z'.repeat(40 * 1024)}`;
    const declared = await post(form, 'content-length');
    const chunked = await post(form, 'chunked');
    assert.equal(declared.status, 400);
    assert.deepEqual(JSON.parse(declared.body), JSON.parse(chunked.body));
    assert.equal(chunked.status, declared.status);
    assert.match(JSON.parse(chunked.body).error_description as string, /scope/);
  });
});
